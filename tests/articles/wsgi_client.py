"""Requests through the deployed WSGI application (newsroom.wsgi), which the
test Client skips: cached pages are answered there, in front of Django."""

import gzip
import io
import sys
from http.cookies import SimpleCookie

from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections

from articles.pagecache.front import CachedPageApp

BROWSER = "Mozilla/5.0 (Linux; Android 14) Chrome/126 Mobile"


class Response:
    def __init__(self, status, headers, body):
        self.status_code = int(status.split()[0])
        self.headers = headers
        self.content = body
        if ("Content-Encoding", "gzip") in headers:  # as a browser reads it
            body = gzip.decompress(body)
        self.text = body.decode()
        self.cookies = SimpleCookie()
        for name, value in headers:
            if name.lower() == "set-cookie":
                self.cookies.load(value)

    def header(self, name):
        return [v for k, v in self.headers if k.lower() == name.lower()]


class WSGIClient:
    def __init__(self):
        django_app = WSGIHandler()
        self.django_calls = 0

        def counted(environ, start_response):
            self.django_calls += 1
            return django_app(environ, start_response)

        self.app = CachedPageApp(counted)

    def request(
        self,
        path,
        *,
        method="GET",
        cookies=None,
        agent=BROWSER,
        query="",
        meta=None,
        host="testserver",
    ):
        environ = {
            "REQUEST_METHOD": method,
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "SERVER_NAME": "testserver",
            "SERVER_PORT": "80",
            "HTTP_HOST": host,
            "HTTP_USER_AGENT": agent,
            "SERVER_PROTOCOL": "HTTP/1.1",
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(b""),
            "wsgi.errors": sys.stderr,
        }
        environ.update(meta or {})
        if cookies:
            environ["HTTP_COOKIE"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
        out = {}

        def start_response(status, headers, exc_info=None):
            out["status"], out["headers"] = status, headers

        # As the test Client does: the test's transaction must outlive requests.
        signals.request_started.disconnect(close_old_connections)
        signals.request_finished.disconnect(close_old_connections)
        try:
            result = self.app(environ, start_response)
            body = b"".join(result)
            if hasattr(result, "close"):
                result.close()
        finally:
            signals.request_started.connect(close_old_connections)
            signals.request_finished.connect(close_old_connections)
        return Response(out["status"], out["headers"], body)

    def get(self, path, **kwargs):
        return self.request(path, **kwargs)
