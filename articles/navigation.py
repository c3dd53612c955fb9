"""What the header shows on every page: the menu's topics and the pinned notice.

Both are kept in the process's memory under the content generation (a topic or
a notice saved moves it on, like an article), so a page render costs no query
here and no cache read; the header and footer themselves are rendered once per
generation (articles/fragments.py). A notice's expiry is checked at render
time: no job takes it down.
"""

from functools import partial

from django.conf import settings
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from articles.fragments import fragment, remember
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
        key = ("navigation", render.generation(request))
        request._navigation = remember(key, NAV_SECONDS, _load)
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


def _fragment_context(request):
    return {"newsroom": settings.NEWSROOM, "menu": _menu(request)}


def context(request):
    """Template context: `menu` (provinces, topics, notice), read only if used;
    `site_header` and `site_footer`, rendered once per generation when called."""
    parts = partial(_fragment_context, request)
    return {
        "menu": SimpleLazyObject(lambda: _menu(request)),
        "site_header": partial(
            fragment, request, "header", "includes/header.html", parts
        ),
        "site_footer": partial(
            fragment, request, "footer", "includes/footer.html", parts
        ),
    }
