"""How many articles a search's filters let through, remembered for a while.

An estimated total ("about 78,000") multiplies a window's share of matches by
this count; counting the visible news on every search cost 20-30 ms on SQLite
(an exact COUNT over the published-date index) and 4-6 ms on PostgreSQL (the
planner's estimate, planned each time). A count a minute old changes such an
estimate, rounded to two digits, by nothing a reader could see; a saved
article forgets it at once (forget_visible_counts, called when indexing).
"""

import threading
import time

TTL_SECONDS = 60
MAX_ENTRIES = 512  # filters by agency and day range: bounded, cleared when full

_counts = {}
_lock = threading.Lock()


def _key(vendor, filters):
    return (vendor, filters.agency_id, filters.start, filters.end)


def visible_count(backend, vendor, filters):
    """backend.count_visible(filters), from memory when counted in the last minute."""
    key = _key(vendor, filters)
    now = time.monotonic()
    found = _counts.get(key)
    if found is not None and found[0] > now:
        return found[1]
    count = backend.count_visible(filters)
    with _lock:
        if len(_counts) >= MAX_ENTRIES:
            _counts.clear()
        _counts[key] = (now + TTL_SECONDS, count)
    return count


def forget_visible_counts():
    """A new, edited or re-indexed article: the next estimate counts again."""
    with _lock:
        _counts.clear()
