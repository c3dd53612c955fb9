"""Giving memory back to the system, so a worker stays under its RSS budget."""

import ctypes
import time

# A page rendered by Django leaves freed memory in the C heap; giving it back
# more often than this costs more than it saves.
RELEASE_EVERY_SECONDS = 10.0
_released_at = 0.0


def release_free_memory():
    """Return the C heap's free pages to the system. glibc keeps memory freed
    by large objects (Python's bytes over 512 bytes, the Thai dictionary's
    building) for reuse, and it counts in the worker's RSS until trimmed. A
    no-op where the C library has no malloc_trim."""
    global _released_at
    _released_at = time.monotonic()
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):
        pass


def release_free_memory_now_and_then():
    """release_free_memory(), at most once every RELEASE_EVERY_SECONDS."""
    if time.monotonic() - _released_at >= RELEASE_EVERY_SECONDS:
        release_free_memory()
