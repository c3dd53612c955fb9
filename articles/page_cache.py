"""Rendered public pages, cached for anonymous visitors, correct on every request.

A page is rendered once and stored with holes for what differs per request: the
CSRF token of the Editor Login box (each visitor has their own), the read count
of an article (it changes with every read) and the most-read block (fresher than
the page). Keys carry the content generation, bumped whenever an article, agency,
author or photo is saved, so an editor's change shows on the next request on
every worker: the cache is the shared one (Redis in production).
"""

import re
import secrets
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from articles.search import generation, most_read
from articles.services.reads import bangkok_today
from newsroom.cache import GENERATION
from newsroom.csrf_token import get_token

READS_HOLE = mark_safe("@@newsroom:reads@@")
MOST_READ_HOLE = mark_safe("@@newsroom:most-read@@")
READS_HOLE_BYTES = READS_HOLE.encode()
MOST_READ_HOLE_BYTES = MOST_READ_HOLE.encode()
CSRF_HOLE = b"@@newsroom:csrf@@"
_HOLE_NAMES = (CSRF_HOLE, READS_HOLE_BYTES, MOST_READ_HOLE_BYTES)
HOLES = re.compile(b"(" + b"|".join(map(re.escape, _HOLE_NAMES)) + b")")
CSRF_VALUE = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
# Set per response (cookies) or by the server (length): never replayed.
UNSTORED_HEADERS = {"set-cookie", "content-length"}

LIST_SECONDS = 5  # list pages show read counts: let them lag seconds, not minutes
# A list page past its 5 s is still served, to everyone but the one visitor
# whose request renders it again (claim_refresh): renders do not pile up on
# both workers. Past this many more seconds it is gone.
LIST_STALE_SECONDS = 60
REFRESH_CLAIM_SECONDS = 10  # a render that takes longer is claimed again
ARTICLE_SECONDS = 600
MOST_READ_SECONDS = 60
REFRESH = "newsroom.page_cache.refresh"  # request.META: render, do not look up
# request.META: (generation, most-read block or None) of a page found missing in
# front of Django a moment ago (page_server): render it without looking again.
MISSED = "newsroom.page_cache.missed"


def cacheable(request):
    """Anonymous GET/HEAD without a pending message: everyone sees the same page."""
    return (
        request.method in ("GET", "HEAD")
        and not request.user.is_authenticated
        and "messages" not in request.COOKIES
    )


def article_name(pk):
    return f"article:{pk}"


def list_name(slug, page):
    """The name of a list page; page is the raw ?page= value ("1" if none)."""
    return f"list:{slug}:{page[:12]}"


def content_generation(request):
    """The content generation this request's pages are cached under, read
    once per request: one cache round trip, and one answer for all keys."""
    if not hasattr(request, "_content_generation"):
        request._content_generation = generation.current()
    return request._content_generation


def _key(request, name, gen=GENERATION):
    return key_of(request.scheme, request.get_host(), name, gen)


def key_of(scheme, host, name, gen=GENERATION):
    return f"page:{gen}:{scheme}:{host}:{name}"


class Page:
    """A rendered page with its holes, ready to answer any visitor."""

    __slots__ = ("pieces", "content_type", "headers", "fresh_until")

    def __init__(self, content, content_type, headers=None, fresh_until=None):
        self.content = content
        self.content_type = content_type
        # The response headers as the middleware left them (security headers,
        # policy, language): a page served before the middleware runs needs them.
        self.headers = headers
        self.fresh_until = fresh_until  # None: fresh while it is stored

    @property
    def content(self):
        return b"".join(self.pieces)

    @content.setter
    def content(self, content):
        # Kept as its text and holes, alternating: cut once for the many fills,
        # and no second copy of the page beside it.
        self.pieces = HOLES.split(content)

    def stale(self):
        return self.fresh_until is not None and time.time() > self.fresh_until

    def entry(self, headers):
        """What the cache stores: first a stamp unique to this render, so a
        worker holding a page can tell it is still the one stored (page_hits)."""
        return (
            secrets.token_hex(8),
            self.pieces,  # cut already: a worker taking it need not cut it again
            self.content_type,
            headers,
            self.fresh_until,
        )

    @classmethod
    def from_entry(cls, entry):
        page = cls.__new__(cls)
        _, pieces, page.content_type, page.headers, page.fresh_until = entry
        if isinstance(pieces, bytes):  # stored whole, as before
            page.content = pieces
        else:
            page.pieces = pieces
        return page

    @classmethod
    def from_response(cls, response):
        response.render()
        content = CSRF_VALUE.sub(rb"\1" + CSRF_HOLE + rb"\2", response.content)
        return cls(content, response["Content-Type"])

    def fill(self, csrf_token, reads, most_read):
        """The page's bytes with its holes filled; csrf_token and most_read are
        called only if the page has their hole (each may give str or bytes), and
        the count's hole stays as it is when reads is None."""
        pieces = self.pieces
        if len(pieces) == 1:
            return pieces[0]
        values = {READS_HOLE_BYTES: None if reads is None else str(reads).encode()}
        out = pieces.copy()
        for index in range(1, len(out), 2):
            hole = out[index]
            value = values.get(hole, False)
            if value is False:
                value = csrf_token() if hole == CSRF_HOLE else most_read()
                if isinstance(value, str):
                    value = value.encode()
                values[hole] = value
            if value is not None:
                out[index] = value
        return b"".join(out)

    def respond(self, request, *, reads=None):
        body = self.fill(
            lambda: get_token(request), reads, lambda: most_read_block(request)
        )
        response = HttpResponse(body, content_type=self.content_type)
        for name, value in self.headers or ():
            response.headers.setdefault(name, value)
        return response


def find(scheme, host, name):
    """(generation, Page or None, most-read block or None): one round trip
    on Redis (articles/page_hits.py), else two."""
    from articles.page_hits import page_hit  # it builds on this module

    hit = page_hit(scheme, host, name)
    if hit is not None:
        return hit[:3]
    gen = generation.current()
    key, block_key = key_of(scheme, host, name, gen), most_read_key(gen)
    found = cache.get_many([key, block_key])
    entry = found.get(key)
    page = None if entry is None else Page.from_entry(entry)
    return gen, page, block_html(found.get(block_key))


def lookup(request, name):
    """The cached page for this request, or None, whoever the visitor is: the
    caller decides it may be shared."""
    gen, page, block = find(request.scheme, request.get_host(), name)
    _remember(request, gen, block)
    return page


def _remember(request, gen, block):
    # What a lookup learnt, for the render that may follow: the generation to
    # store the page under, and the most-read block to fill it with.
    if gen is not None:
        request._content_generation = gen
    if block is not None:
        request._most_read_block = block


def fetch(request, name):
    """The cached page for this request if the visitor may share it and it is
    fresh or someone else renders it again, or None: then the caller renders."""
    if not cacheable(request) or request.META.get(REFRESH):
        return None
    missed = request.META.get(MISSED)
    if missed is not None:
        _remember(request, *missed)
        return None
    page = lookup(request, name)
    if page is not None and page.stale():
        key = _key(request, name, content_generation(request))
        return None if claim_refresh(key) else page
    return page


def _site_language(request):
    # Pages are stored in the site's language only: every visitor is served the
    # stored page, whatever language their browser asks for, so a page one
    # visitor had rendered in English (Django's own strings, Content-Language)
    # must not become everyone's.
    return getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE) == (
        settings.LANGUAGE_CODE
    )


def claim_refresh(key):
    """True for the one request that should render a stale page again."""
    return cache.add(f"refresh:{key}", 1, REFRESH_CLAIM_SECONDS)


def store(request, name, response, seconds, *, stale_for=0):
    """Make a Page of a rendered response; when the request allows, the page
    middleware caches it with the final headers (articles/page_server.py):
    fresh for `seconds`, then served stale for `stale_for` more while one
    request renders it again."""
    page = Page.from_response(response)
    if cacheable(request) and response.status_code == 200 and _site_language(request):
        request._page_to_cache = (
            _key(request, name, content_generation(request)),
            page,
        )
        request._page_seconds = (seconds, stale_for)
    return page


def keep(request, response):
    """Cache the page store() set aside, with the headers of the response."""
    pending = getattr(request, "_page_to_cache", None)
    if pending is None or response.status_code != 200:
        return
    key, page = pending
    headers = [
        (name, value)
        for name, value in response.items()
        if name.lower() not in UNSTORED_HEADERS
    ]
    seconds, stale_for = request._page_seconds
    if stale_for:
        page.fresh_until = time.time() + seconds
    cache.set(key, page.entry(headers), seconds + stale_for)
    if stale_for:
        cache.delete(f"refresh:{key}")


def most_read_key(gen=GENERATION, day=None):
    day = day or bangkok_today()
    return f"block:most-read:{gen}:{day.isoformat()}"


def most_read_block(request):
    """The rendered ยอดนิยม block, shared by every page for up to a minute."""
    html = getattr(request, "_most_read_block", None)
    if html is None:
        html = most_read_html(content_generation(request))
    return html


def block_html(entry):
    """The HTML of a stored most-read block, or None. It is stored with a
    stamp, like a page, so a worker holding it can tell it is still the one
    stored (page_hits)."""
    return entry[1] if isinstance(entry, tuple) else None


def most_read_html(gen):
    key = most_read_key(gen)
    html = block_html(cache.get(key))
    if html is None:
        html = render_to_string(
            "includes/most_read.html",
            {
                "most_read_today": most_read(days=1),
                "most_read_week": most_read(days=7),
            },
        )
        cache.set(key, (secrets.token_hex(8), html), MOST_READ_SECONDS)
    return html
