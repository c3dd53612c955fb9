"""Freed memory is given back to the system, but not on every request."""

from newsroom import memory


class FakeLibc:
    def __init__(self):
        self.trims = []

    def malloc_trim(self, pad):
        self.trims.append(pad)


def test_free_memory_is_released_at_most_every_ten_seconds(monkeypatch):
    libc = FakeLibc()
    now = [1000.0]
    monkeypatch.setattr(memory.ctypes, "CDLL", lambda name: libc)
    monkeypatch.setattr(memory.time, "monotonic", lambda: now[0])
    monkeypatch.setattr(memory, "_released_at", 0.0)
    memory.release_free_memory_now_and_then()
    memory.release_free_memory_now_and_then()
    now[0] += memory.RELEASE_EVERY_SECONDS - 0.1
    memory.release_free_memory_now_and_then()
    assert libc.trims == [0]
    now[0] += 0.1
    memory.release_free_memory_now_and_then()
    assert libc.trims == [0, 0]


def test_a_c_library_without_malloc_trim_is_left_alone(monkeypatch):
    monkeypatch.setattr(memory.ctypes, "CDLL", lambda name: object())
    memory.release_free_memory()  # no AttributeError
    assert memory._released_at > 0
