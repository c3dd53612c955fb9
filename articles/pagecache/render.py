"""The Django side of the cache: views find pages here, and store what they
rendered; the middleware stores it with the final headers."""

import secrets
import time

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers

from articles.pagecache import hits, keys
from articles.pagecache.invalidation import current_numbers
from articles.pagecache.link import Unavailable
from articles.pagecache.local import LocalStore, page_store
from articles.pagecache.page import MAX_ENTRY_BYTES, MOST_READ, READS, Holes, Page

LIST_SECONDS = 5  # list pages show read counts: let them lag seconds, not minutes
# A list page past its 5 s is still served, to everyone but the one visitor
# whose request renders it again (claim_refresh), for this many more seconds.
LIST_STALE_SECONDS = 60
REFRESH_CLAIM_SECONDS = 10  # a render that takes longer is claimed again
ARTICLE_SECONDS = 600
MOST_READ_SECONDS = 60
# request.META keys set by the front app (front.py): render without looking
# again (MISSED: ((generation, article epoch), most-read block or None)), or
# render a stale page whose refresh this request claimed (REFRESH).
MISSED = "newsroom.pagecache.missed"
REFRESH = "newsroom.pagecache.refresh"
# Set per response (cookies, Vary on them) or by the server: never stored.
UNSTORED_HEADERS = {"set-cookie", "content-length"}


class _State:
    """What one request learnt about the cache."""

    def __init__(self):
        self.generation = None
        self.epoch = None
        self.block = None
        self.holes = Holes()
        self.to_store = None


def _state(request):
    state = getattr(request, "_pagecache", None)
    if state is None:
        state = request._pagecache = _State()
    return state


def cacheable(request):
    """Anonymous GET/HEAD without a pending message, in the site's language:
    everyone is sent the same page."""
    return (
        request.method in ("GET", "HEAD")
        and not request.user.is_authenticated
        and "messages" not in request.COOKIES
        and getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
        == settings.LANGUAGE_CODE
    )


def holes(request):
    """The markers this render prints for the read count and the block."""
    return _state(request).holes


def _numbers(request):
    state = _state(request)
    if state.generation is None:
        state.generation, state.epoch = current_numbers()
    return state


def generation(request):
    """The page generation this request renders for (invalidation.py)."""
    return _numbers(request).generation


def epoch(request):
    """The article epoch this request renders for (articles/article_parts/)."""
    return _numbers(request).epoch


def _where(request):
    """(page store, canonical host) to cache this request's page at, or None."""
    found = page_store()
    host = keys.canonical_host(request.get_host())
    return None if found is None or host is None else (found, host)


def claim_refresh(found, key):
    """True for the one request that should render a stale page again."""
    return bool(
        found.call("set", keys.refresh_key(key), 1, nx=True, ex=REFRESH_CLAIM_SECONDS)
    )


def fetch(request, name):
    """The cached page for this request, or None: then the view renders it."""
    if name is None or not cacheable(request) or request.META.get(REFRESH):
        return None
    state = _state(request)
    missed = request.META.get(MISSED)
    if missed is not None:
        (state.generation, state.epoch), state.block = missed
        return None
    where = _where(request)
    if where is None:
        return None
    found, host = where
    gen = generation(request)
    try:
        if isinstance(found, LocalStore):
            page, state.block = found.lookup(gen, request.scheme, host, name, _today())
        else:
            page, state.block, _ = hits.lookup(
                found, gen, request.scheme, host, name, _today()
            )
        if page is not None and page.stale():
            key = keys.page_key(gen, request.scheme, host, name)
            return None if claim_refresh(found, key) else page
    except Unavailable:
        return None
    return page


def store(request, name, response, seconds, *, stale_for=0):
    """The Page of a rendered response; the middleware stores it (keep) once
    the rest of the stack has added its headers."""
    response.render()
    page = Page.cut(response.content, holes(request), response["Content-Type"])
    if name is not None and cacheable(request) and response.status_code == 200:
        where = _where(request)
        if where is not None:
            key = keys.page_key(generation(request), request.scheme, where[1], name)
            _state(request).to_store = (where[0], key, page, seconds, stale_for)
    return page


def keep(request, response):
    """Store the page store() set aside, with the response's headers."""
    state = getattr(request, "_pagecache", None)
    if state is None or state.to_store is None or response.status_code != 200:
        return
    found, key, page, seconds, stale_for = state.to_store
    # Answered plain or gzip by Accept-Encoding (front.py), as Django does.
    patch_vary_headers(response, ["Accept-Encoding"])
    page.headers = tuple(
        (name, value)
        for name, value in response.items()
        if name.lower() not in UNSTORED_HEADERS
    )
    if stale_for:
        page.fresh_until = time.time() + seconds
    page.compress()
    data = page.to_bytes()
    if len(data) > MAX_ENTRY_BYTES:
        return
    try:
        found.call("set", key, data, ex=seconds + stale_for)
        hits.hold(key, data, page)
        if stale_for:
            found.call("delete", keys.refresh_key(key))
    except Unavailable:
        pass  # served all the same; stored by a later render


def respond(request, page, *, reads=None):
    """The page as a response to this request, its holes filled."""
    values = {READS: b"" if reads is None else str(reads).encode()}
    if MOST_READ in page.pieces[1::2]:
        values[MOST_READ] = most_read_block(request)
    response = HttpResponse(page.fill(values), content_type=page.content_type)
    for name, value in page.headers:
        response.headers.setdefault(name, value)
    return response


def _today():
    from articles.reads import bangkok_today

    return bangkok_today()


def most_read_block(request):
    """The rendered ยอดนิยม block (bytes), shared by every page for a minute."""
    state = _state(request)
    if state.block is None:
        state.block = most_read_html(generation(request))
    return state.block


def most_read_html(gen):
    """The block from the page store, or rendered (and stored) when it is not
    there."""
    found = page_store()
    key = keys.most_read_key(gen, _today())
    if found is not None:
        try:
            html = hits.block_html(found.call("get", key))
            if html is not None:
                return html
        except Unavailable:
            found = None
    from articles.services.most_read import most_read_block_html

    html = most_read_block_html()  # stored off the request path
    if found is not None:
        try:
            entry = hits.block_entry(html, secrets.token_bytes(12))
            found.call("set", key, entry, ex=MOST_READ_SECONDS)
            hits.hold(key, entry, html.encode())
        except Unavailable:
            pass
    return html.encode()


class PageCacheMiddleware:
    """Right inside the compression middleware (the page is stored plain):
    stores the page a view set aside (store) with the headers every other
    middleware has added."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        keep(request, response)
        return response
