"""What the header shows on every page: the menu's topics and the pinned notice.

Both come from one cache entry keyed by the content generation (a topic or a
notice saved moves it on, like an article), so a page render costs one cache
read here, no query. A notice's expiry is checked at render time: no job takes
it down.
"""

from django.core.cache import cache
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from articles.models import Notice, Topic
from articles.pagecache import render
from articles.provinces import PROVINCES

NAV_SECONDS = 300


def _load():
    return {
        "topics": [(t.slug, t.name) for t in Topic.objects.only("slug", "name")],
        "notices": [
            (n.text, n.link, n.expires_at)
            for n in Notice.objects.current().only("text", "link", "expires_at")[:5]
        ],
    }


def navigation(request):
    """The cached menu data for this request's content generation."""
    if not hasattr(request, "_navigation"):
        key = f"navigation:{render.generation(request)}"
        data = cache.get(key)
        if data is None:
            data = _load()
            cache.set(key, data, NAV_SECONDS)
        request._navigation = data
    return request._navigation


def current_notice(request, now=None):
    """(text, link, expires_at) of the newest notice not yet expired, or None."""
    now = now or timezone.now()
    for notice in navigation(request)["notices"]:
        if notice[2] > now:
            return notice
    return None


def cache_seconds(request, seconds, stale_for=0):
    """(seconds, stale_for) cut so a cached page showing a notice is gone when
    the notice expires."""
    notice = current_notice(request)
    if notice is None:
        return seconds, stale_for
    left = max(1, int((notice[2] - timezone.now()).total_seconds()))
    seconds = min(seconds, left)
    return seconds, max(0, min(stale_for, left - seconds))


def _menu(request):
    data = navigation(request)
    notice = current_notice(request)
    return {
        "provinces": PROVINCES,
        "topics": [{"slug": slug, "name": name} for slug, name in data["topics"]],
        "notice": (
            None
            if notice is None
            else {"text": notice[0], "link": notice[1], "expires_at": notice[2]}
        ),
    }


def context(request):
    """Template context: `menu` (provinces, topics, notice), read only if used."""
    return {"menu": SimpleLazyObject(lambda: _menu(request))}
