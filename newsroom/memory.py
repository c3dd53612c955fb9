"""Giving memory back to the system, so a worker stays under its RSS budget."""

import ctypes


def release_free_memory():
    """Return the C heap's free pages to the system. glibc keeps memory freed
    by large objects (Python's bytes over 512 bytes, the Thai dictionary's
    building) for reuse, and it counts in the worker's RSS until trimmed. A
    no-op where the C library has no malloc_trim."""
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):
        pass
