"""Cached public pages answered in front of Django, for anonymous visitors.

The home page, an agency's page and an article are the pages a LINE share sends
thousands to at once, and a cached one is the same bytes for everyone but three
holes (page_cache). So the WSGI application answers them itself when the visitor
has no session (nobody logged in) and no pending message: one cache round trip
for the page, the most-read block and the generation, the visitor's own CSRF
token and cookie made as Django's CsrfViewMiddleware makes them, the read
counted as the view counts it, and the headers the whole middleware stack gave
the page when Django rendered it. Anything else, and every miss, is Django's.

PageCacheMiddleware, first in the stack, stores what the views rendered once the
other middleware has added its headers.
"""

import logging
import re
from urllib.parse import parse_qs

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import parse_cookie

from articles import page_cache, page_hits
from articles.services.reads import is_visit, read_count
from newsroom.csrf_token import cookie_header, mask, random_string, secret_of
from newsroom.memory import release_free_memory_now_and_then

logger = logging.getLogger(__name__)

# The addresses of articles/urls.py whose pages page_cache names.
ARTICLE_PATH = re.compile(r"/news/([0-9]{1,18})/")
AGENCY_PATH = re.compile(r"/agency/([-a-zA-Z0-9_]+)/")


def page_name(path, query):
    """(name, article id or None) of a cacheable page at this address, or None."""
    if path == "/" or AGENCY_PATH.fullmatch(path):
        slug = "" if path == "/" else path.split("/")[2]
        pages = parse_qs(query).get("page") if query else None
        return page_cache.list_name(slug, pages[-1] if pages else "1"), None
    match = ARTICLE_PATH.fullmatch(path)
    if match:
        pk = int(match[1])
        return page_cache.article_name(pk), pk
    return None


class _Settings:
    """The settings a hit reads, read once: each read of django.conf.settings
    costs about a microsecond, and a hit would make a dozen."""

    def __init__(self):
        self.session_cookie = settings.SESSION_COOKIE_NAME
        self.csrf_cookie = settings.CSRF_COOKIE_NAME
        self.proxy_ssl_header = settings.SECURE_PROXY_SSL_HEADER
        self.forwarded_host = settings.USE_X_FORWARDED_HOST
        # A token kept in the session needs the session: Django's job.
        self.enabled = not settings.CSRF_USE_SESSIONS


_settings = None


def _read_settings():
    global _settings
    if _settings is None:
        _settings = _Settings()
    return _settings


@receiver(setting_changed)
def _settings_changed(**kwargs):
    global _settings
    _settings = None


def request_scheme(environ, read=None):
    """HttpRequest.scheme, from the WSGI environ."""
    read = read or _read_settings()
    if read.proxy_ssl_header:
        header, secure_value = read.proxy_ssl_header
        value = environ.get(header)
        if value is not None:
            return "https" if value.split(",", 1)[0].strip() == secure_value else "http"
    return environ.get("wsgi.url_scheme", "http")


def request_host(environ, read=None):
    """The raw host HttpRequest.get_host() would return, or None. Not validated:
    only hosts Django accepted have pages in the cache."""
    read = read or _read_settings()
    if read.forwarded_host and "HTTP_X_FORWARDED_HOST" in environ:
        return environ["HTTP_X_FORWARDED_HOST"]
    return environ.get("HTTP_HOST")


class CachedPageApp:
    """WSGI application: cached pages first, Django for everything else."""

    def __init__(self, django_app):
        self.django_app = django_app

    def __call__(self, environ, start_response):
        answer = self.answer(environ)
        if answer is None:
            response = self.django_app(environ, start_response)
            # Renders (and searches) free what they built; keep it from
            # piling up in the worker's RSS.
            release_free_memory_now_and_then()
            return response
        headers, body = answer
        start_response("200 OK", headers)
        return [body]

    def answer(self, environ):
        """(headers, body) of the cached page for this request, or None."""
        read = _read_settings()
        method = environ.get("REQUEST_METHOD")
        if not read.enabled or method not in ("GET", "HEAD"):
            return None
        cookies = parse_cookie(environ.get("HTTP_COOKIE", ""))
        if read.session_cookie in cookies or "messages" in cookies:
            return None
        found = page_name(environ.get("PATH_INFO", ""), environ.get("QUERY_STRING"))
        host = request_host(environ, read)
        if found is None or host is None:
            return None
        name, article_id = found
        scheme = request_scheme(environ, read)
        try:
            gen, page, block, reads = self.find(
                scheme, host, name, article_id, is_visit(method, environ)
            )
        except Exception:  # the cache is down: Django answers, or reports it
            # (Should Redis have run the script and only its reply been lost,
            # Django counts this read a second time: rarer than worth a
            # failed page.)
            logger.exception("cached page %s", name)
            return None
        if page is None:
            if gen is not None:  # the view renders it: no need to look again
                environ[page_cache.MISSED] = (gen, block)
            return None
        if (
            article_id is None
            and page.stale()
            and page_cache.claim_refresh(page_cache.key_of(scheme, host, name, gen))
        ):
            environ[page_cache.REFRESH] = True  # this visitor's request renders it
            return None
        secret = secret_of(cookies.get(read.csrf_cookie))
        secret = secret or random_string()
        body = page.fill(
            lambda: mask(secret),
            reads,
            lambda: block if block is not None else self.most_read(gen),
        )
        headers = [
            *page.headers,
            ("Content-Length", str(len(body))),
            ("Set-Cookie", cookie_header(secret)),
        ]
        return headers, body

    def most_read(self, gen):
        # Past the point where the read was counted, Django must not answer
        # again: without the block, the page is still the page.
        try:
            return page_cache.most_read_html(gen)
        except Exception:
            logger.exception("most-read block")
            return ""

    def find(self, scheme, host, name, article_id, counted):
        """(generation, Page or None, block, reads): an article's read is
        counted only when its page is there."""
        hit = page_hits.page_hit(scheme, host, name, article_id, counted)
        if hit is None:  # no Redis cache: look up, then count
            gen, page, block = page_cache.find(scheme, host, name)
            reads = None
        else:
            gen, page, block, reads = hit
        if page is not None and article_id is not None and reads is None:
            reads = read_count(article_id=article_id, counted=counted)
        return gen, page, block, reads


class PageCacheMiddleware:
    """First in the stack: caches the page a view set aside (page_cache.store)
    with the headers every other middleware has added."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        page_cache.keep(request, response)
        return response
