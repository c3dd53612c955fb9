"""What crawlers and feed checkers ask with HEAD before fetching is answered like
GET (same status and type), not 405: the sitemaps, the feeds, robots.txt."""

import pytest

from tests.factories import make_article

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    ["/sitemap-news.xml", "/sitemap.xml", "/feeds/latest.xml", "/robots.txt"],
)
def test_head_answers_like_get(client, agency, path):
    make_article()
    got = client.get(path)
    head = client.head(path)
    assert got.status_code == head.status_code == 200
    assert head["Content-Type"] == got["Content-Type"]
    assert head.content == b""


def test_the_favicon_redirects_on_head_too(client):
    assert client.head("/favicon.ico").status_code == 301
