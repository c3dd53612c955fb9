"""A counter bumped whenever an article changes, part of every cached list's key:
a publish, an edit or an unpublish shows at once, while reads (which do not save
articles) leave the cache warm."""

from django.core.cache import cache

KEY = "search:generation"


def current():
    value = cache.get(KEY)
    if value is None:
        value = 1
        cache.add(KEY, value, timeout=None)
    return value


def bump(**kwargs):
    try:
        cache.incr(KEY)
    except ValueError:  # not set yet
        cache.add(KEY, 2, timeout=None)
