"""Reading a rendered page as a crawler does: JSON-LD blocks, links, titles."""

import json
import re
from html.parser import HTMLParser


class _Parts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.json_ld = []
        self.links = []  # (rel, type, href)
        self.metas = {}
        self.title = ""
        self._in = None
        self._buffer = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and attrs.get("type") == "application/ld+json":
            self._in, self._buffer = "ld", []
        elif tag == "title":
            self._in, self._buffer = "title", []
        elif tag == "link":
            self.links.append((attrs.get("rel"), attrs.get("type"), attrs.get("href")))
        elif tag == "meta" and attrs.get("name"):
            self.metas[attrs["name"]] = attrs.get("content")

    def handle_data(self, data):
        if self._in:
            self._buffer.append(data)

    def handle_endtag(self, tag):
        if self._in == "ld" and tag == "script":
            self.json_ld.append(json.loads("".join(self._buffer)))
            self._in = None
        elif self._in == "title" and tag == "title":
            self.title = "".join(self._buffer).strip()
            self._in = None


def page_parts(response):
    parts = _Parts()
    parts.feed(response.content.decode())
    return parts


def json_ld_of_type(response, kind):
    return [item for item in page_parts(response).json_ld if item["@type"] == kind]


def canonical(response):
    return next(h for rel, _, h in page_parts(response).links if rel == "canonical")


def feed_links(response):
    return [
        href
        for rel, kind, href in page_parts(response).links
        if rel == "alternate" and kind == "application/rss+xml"
    ]


BANGKOK_ISO = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$")
