"""Rendered public pages, cached for anonymous visitors, correct on every request.

A page is rendered once and stored with holes for what differs per request: the
CSRF token of the Editor Login box (each visitor has their own), the read count
of an article (it changes with every read) and the most-read block (fresher than
the page). Keys carry the content generation, bumped whenever an article, agency,
author or photo is saved, so an editor's change shows on the next request on
every worker: the cache is the shared one (Redis in production).
"""

import re

from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from articles.search import generation, most_read
from articles.services.reads import bangkok_today

READS_HOLE = mark_safe("@@newsroom:reads@@")
MOST_READ_HOLE = mark_safe("@@newsroom:most-read@@")
CSRF_HOLE = b"@@newsroom:csrf@@"
CSRF_VALUE = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')

LIST_SECONDS = 5  # list pages show read counts: let them lag seconds, not minutes
ARTICLE_SECONDS = 600
MOST_READ_SECONDS = 60


def cacheable(request):
    """Anonymous GET/HEAD without a pending message: everyone sees the same page."""
    return (
        request.method in ("GET", "HEAD")
        and not request.user.is_authenticated
        and "messages" not in request.COOKIES
    )


def _generation(request):
    # Read once per request: one cache round trip, and one answer for all keys.
    if not hasattr(request, "_content_generation"):
        request._content_generation = generation.current()
    return request._content_generation


def page_key(request, name):
    gen = _generation(request)
    return f"page:{gen}:{request.scheme}:{request.get_host()}:{name}"


class Page:
    """A rendered page with its holes, ready to answer any visitor."""

    __slots__ = ("content", "content_type")

    def __init__(self, content, content_type):
        self.content = content
        self.content_type = content_type

    @classmethod
    def from_response(cls, response):
        response.render()
        content = CSRF_VALUE.sub(rb"\1" + CSRF_HOLE + rb"\2", response.content)
        return cls(content, response["Content-Type"])

    def respond(self, request, *, reads=None):
        body = self.content
        if CSRF_HOLE in body:
            body = body.replace(CSRF_HOLE, get_token(request).encode())
        if reads is not None:
            body = body.replace(READS_HOLE.encode(), str(reads).encode())
        if MOST_READ_HOLE.encode() in body:
            block = most_read_block(request)
            body = body.replace(MOST_READ_HOLE.encode(), block.encode())
        return HttpResponse(body, content_type=self.content_type)


def fetch(request, name):
    """The cached page for this request, or None. The most-read block comes in
    the same round trip."""
    if not cacheable(request):
        return None
    key, block_key = page_key(request, name), most_read_key(_generation(request))
    found = cache.get_many([key, block_key])
    if key not in found:
        return None
    if block_key in found:
        request._most_read_block = found[block_key]
    return Page(*found[key])


def store(request, name, response, seconds):
    """Make a Page of a rendered response; cache it when the request allows."""
    page = Page.from_response(response)
    if cacheable(request) and response.status_code == 200:
        cache.set(page_key(request, name), (page.content, page.content_type), seconds)
    return page


def most_read_key(gen):
    return f"block:most-read:{gen}:{bangkok_today().isoformat()}"


def most_read_block(request):
    """The rendered ยอดนิยม block, shared by every page for up to a minute."""
    html = getattr(request, "_most_read_block", None)
    if html is None:
        key = most_read_key(_generation(request))
        html = cache.get(key)
        if html is None:
            html = render_to_string(
                "includes/most_read.html",
                {
                    "most_read_today": most_read(days=1),
                    "most_read_week": most_read(days=7),
                },
            )
            cache.set(key, html, MOST_READ_SECONDS)
    return html
