"""A counter bumped whenever an article changes, part of every cached list's key:
a publish, an edit or an unpublish shows at once, while reads (which do not save
articles) leave the cache warm."""

from django.core.cache import cache
from django.db import transaction

KEY = "search:generation"


def current():
    value = cache.get(KEY)
    if value is None:
        value = 1
        cache.add(KEY, value, timeout=None)
    return value


def _increment():
    try:
        cache.incr(KEY)
    except ValueError:  # not set yet
        cache.add(KEY, 2, timeout=None)


def bump(**kwargs):
    """Move on now, and again when the transaction commits: a page another
    worker renders in between, from the not yet committed rows, is cached under
    the generation the commit leaves behind."""
    _increment()
    transaction.on_commit(_increment)
