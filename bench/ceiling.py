"""The ceiling: a bare WSGI app that returns, from memory, a real article page.

run.py fetches one article page from the running site and saves its bytes and
headers; this app, under the same gunicorn settings, answers every request with
them. What the site serves per second against this is the share of the ceiling.

    BENCH_CEILING_PAGE=bench/out/ceiling.html gunicorn bench.ceiling:app ...
"""

import json
import os
from pathlib import Path

_page = Path(os.environ["BENCH_CEILING_PAGE"])
BODY = _page.read_bytes()
# The site's own headers (CSP, Vary, cookies...), minus those gunicorn writes.
_headers_file = _page.with_suffix(".headers.json")
_saved = json.loads(_headers_file.read_text()) if _headers_file.exists() else []
_skip = {"date", "server", "connection", "content-length", "transfer-encoding"}
HEADERS = [(k, v) for k, v in _saved if k.lower() not in _skip]
if not any(k.lower() == "content-type" for k, _ in HEADERS):
    HEADERS.append(("Content-Type", "text/html; charset=utf-8"))
HEADERS.append(("Content-Length", str(len(BODY))))


def app(environ, start_response):
    start_response("200 OK", HEADERS)
    return [BODY]
