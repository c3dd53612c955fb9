"""Which addresses have cached pages, and the Redis keys they are stored under.

A key names the page generation (invalidation.py), the scheme, the canonical
host and the page: `newsroom:page:<generation>:<scheme>:<host>:<name>`. The host
is canonical so that no Host header a visitor makes up adds an entry: with
DJANGO_SITE_URL set every accepted host shares that site's entries; without it,
each name listed literally in ALLOWED_HOSTS has its own, whatever the port.
Hosts accepted only through a wildcard are answered by Django, uncached.
"""

import re
from urllib.parse import parse_qs, urlsplit

from django.conf import settings

PREFIX = "newsroom:"
ARTICLE_PATH = re.compile(r"/news/([1-9][0-9]{0,17})/")
# The list pages: an agency's, a province's and a topic's news.
LIST_PATH = re.compile(r"/(agency|province|topic)/([-a-zA-Z0-9_]{1,100})/")
# ?page= as the paginator reads it; anything else is Django's (it answers 404).
PAGE_NUMBER = re.compile(r"[1-9][0-9]{0,4}")
HOST = re.compile(r"(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:[0-9]{1,5})?")


def article_name(pk):
    return f"article:{pk}"


def list_name(slug, page="1"):
    return f"list:{slug}:{page}"


def list_slug(kind, slug):
    """A list page's part of its cache names; the views name theirs alike."""
    return slug if kind == "agency" else f"{kind}:{slug}"


def page_name(path, query):
    """(name, article id or None) of a cacheable page at this address, or None."""
    listed = None if path == "/" else LIST_PATH.fullmatch(path)
    if path == "/" or listed:
        slug = list_slug(listed[1], listed[2]) if listed else ""
        pages = parse_qs(query).get("page") if query else None
        page = pages[-1] if pages else "1"
        if not PAGE_NUMBER.fullmatch(page):
            return None
        return list_name(slug, page), None
    match = ARTICLE_PATH.fullmatch(path)
    if match:
        pk = int(match[1])
        return article_name(pk), pk
    return None


def canonical_host(host):
    """The host a page for this Host header is stored under, or None when it is
    not one to cache for."""
    match = HOST.fullmatch((host or "").lower())
    if match is None:
        return None
    name = match[1].rstrip(".")
    if name not in (allowed.lower() for allowed in settings.ALLOWED_HOSTS):
        return None
    if settings.SITE_URL:
        return urlsplit(settings.SITE_URL).netloc.lower()
    return name


def page_key(generation, scheme, host, name):
    return f"{PREFIX}page:{generation}:{scheme}:{host}:{name}"


def most_read_key(generation, day):
    return f"{PREFIX}block:most-read:{generation}:{day.isoformat()}"


def refresh_key(page_key):
    """Taken by the one request that renders a stale list page again."""
    return f"{page_key}:refresh"
