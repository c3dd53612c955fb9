"""The WSGI application in front of Django: cached pages for anonymous visitors.

Pages come from Redis, or without Redis from the host's directory (local.py).
A client that accepts gzip gets the page compressed when it was stored, its
holes filled in (page.py); every stored page varies on Accept-Encoding.

Anything it cannot answer from there goes to Django, which renders from the
database: another method, a session or message cookie, an address without a
cached page, a host not to cache for, a page not in Redis, and any Redis error
or timeout (then Django counts the read in the database, too).
"""

import logging
import re

from django.conf import settings
from django.core.signals import setting_changed
from django.db import DatabaseError, close_old_connections
from django.dispatch import receiver
from django.http import parse_cookie

from articles.pagecache import hits, keys, render
from articles.pagecache.invalidation import current_numbers
from articles.pagecache.link import Unanswered, Unavailable, link
from articles.pagecache.local import local_store
from articles.pagecache.page import MOST_READ, READS
from articles.reads import bangkok_today, get_buffer, is_visit, read_count
from articles.reads.counter import COUNTED_ALREADY, shown_from_database

logger = logging.getLogger(__name__)
# As Django's GZipMiddleware reads Accept-Encoding.
ACCEPTS_GZIP = re.compile(r"\bgzip\b")


class _Settings:
    """The settings a hit reads, read once: a read of django.conf.settings
    costs about a microsecond, and a hit would make a dozen."""

    def __init__(self):
        self.session_cookie = settings.SESSION_COOKIE_NAME
        self.proxy_ssl_header = settings.SECURE_PROXY_SSL_HEADER
        self.forwarded_host = settings.USE_X_FORWARDED_HOST


_settings = None


@receiver(setting_changed)
def _settings_changed(**kwargs):
    global _settings
    _settings = None


def request_scheme(environ, read):
    """HttpRequest.scheme, from the WSGI environ."""
    if read.proxy_ssl_header:
        header, secure_value = read.proxy_ssl_header
        value = environ.get(header)
        if value is not None:
            return "https" if value.split(",", 1)[0].strip() == secure_value else "http"
    return environ.get("wsgi.url_scheme", "http")


def request_host(environ, read):
    """The host HttpRequest.get_host() reads."""
    if read.forwarded_host and "HTTP_X_FORWARDED_HOST" in environ:
        return environ["HTTP_X_FORWARDED_HOST"]
    return environ.get("HTTP_HOST") or environ.get("SERVER_NAME")


class CachedPageApp:
    def __init__(self, django_app):
        self.django_app = django_app

    def __call__(self, environ, start_response):
        answer = self.answer(environ)
        if answer is None:
            return self.django_app(environ, start_response)
        headers, body = answer
        start_response("200 OK", headers)
        return [body]

    def answer(self, environ):
        """(headers, body) of the cached page for this request, or None."""
        global _settings
        read = _settings = _settings or _Settings()
        method = environ.get("REQUEST_METHOD")
        if method not in ("GET", "HEAD"):
            return None
        cookies = parse_cookie(environ.get("HTTP_COOKIE", ""))
        if read.session_cookie in cookies or "messages" in cookies:
            return None
        found = keys.page_name(
            environ.get("PATH_INFO", ""), environ.get("QUERY_STRING")
        )
        host = keys.canonical_host(request_host(environ, read))
        redis = link()
        store = redis or local_store()
        if found is None or host is None or store is None:
            return None
        name, article_id = found
        scheme = request_scheme(environ, read)
        try:
            numbers = current_numbers()
        except DatabaseError:
            close_old_connections()
            return None  # Django answers, or says the database is down
        generation = numbers[0]
        day = bangkok_today()
        try:
            if redis is None:
                page, block = store.lookup(generation, scheme, host, name, day)
                shown = -1
            elif article_id is None:
                page, block, shown = hits.lookup(
                    redis, generation, scheme, host, name, day
                )
            else:
                buffer = get_buffer()
                counted = is_visit(method, environ)
                with buffer.journal() as journal:
                    try:
                        page, block, shown = hits.lookup(
                            redis, generation, scheme, host, name, day,
                            count=(journal, article_id, counted),
                        )  # fmt: skip
                    except Unanswered:
                        # Redis may have counted it in this journal: this
                        # batch counts it, and Django does not count it again.
                        if counted:
                            journal.add(article_id, day)
                            environ[COUNTED_ALREADY] = True
                        raise
                    if page is not None and counted:
                        journal.add(article_id, day)
        except Unavailable:
            return None
        if page is None:
            environ[render.MISSED] = (numbers, block)
            return None
        if article_id is None and page.stale():
            key = keys.page_key(generation, scheme, host, name)
            try:
                if render.claim_refresh(store, key):
                    environ[render.REFRESH] = True  # this request renders it
                    return None
            except Unavailable:
                pass
        values = {}
        if article_id is not None:
            if redis is None:
                shown = self.count_in_database(article_id, is_visit(method, environ))
                if shown is None:
                    return None  # not counted: Django answers, and counts it
            elif shown < 0:
                shown = shown_from_database(buffer, article_id)
            values[READS] = str(shown).encode()
        if MOST_READ in page.pieces[1::2]:
            values[MOST_READ] = (
                block if block is not None else self.most_read(generation)
            )
        if page.deflated and ACCEPTS_GZIP.search(
            environ.get("HTTP_ACCEPT_ENCODING", "")
        ):
            body = page.fill_gzip(values)  # compressed when stored (page.py)
            headers = [*page.headers, ("Content-Encoding", "gzip")]
        else:
            body = page.fill(values)
            headers = list(page.headers)
        headers.append(("Content-Length", str(len(body))))
        return headers, body

    def count_in_database(self, article_id, counted):
        """Without Redis the read is counted in the database now; the count to
        show, or None when the database failed."""
        try:
            return read_count(article_id=article_id, counted=counted)
        except DatabaseError:
            close_old_connections()
            return None

    def most_read(self, generation):
        # The read is counted: Django must not answer now. Without the block
        # the page is still the page.
        try:
            return render.most_read_html(generation)
        except Exception:
            logger.exception("most-read block")
            return b""
