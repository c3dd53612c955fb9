"""Cached pages answered in front of Django: same bytes for everyone, the
headers Django gave them, every read counted once, never stale."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import ReadTotal, Topic
from articles.reads import reads_flush
from articles.services.articles import (
    article_publish,
    article_unpublish,
    article_update,
)
from tests.articles.redis_db import needs_redis
from tests.articles.wsgi_client import WSGIClient
from tests.factories import make_article, make_user

pytestmark = [pytest.mark.django_db, needs_redis]

READS = re.compile(r"read-count\">(\d+)<")


@pytest.fixture
def wsgi(redis_site):
    return WSGIClient()


@pytest.fixture
def article(agency):
    return make_article(agency=agency, title="ข่าวแคชหน้าเว็บ", reads=10)


def page_keys(redis_site):
    return redis_site.client().keys("newsroom:page:*")


@pytest.mark.parametrize("page", ["home", "agency", "province", "topic", "article"])
def test_second_visit_is_answered_in_front_of_django(wsgi, article, page):
    article.topics.add(Topic.objects.create(slug="highlights", name="ข่าวเด่น"))
    url = {
        "home": "/",
        "agency": f"/agency/{article.agency.slug}/",
        "province": "/province/phayao/",
        "topic": "/topic/highlights/",
        "article": article.get_absolute_url(),
    }[page]
    first = wsgi.get(url)
    assert first.status_code == 200 and wsgi.django_calls == 1
    with CaptureQueriesContext(connection) as queries:
        second = wsgi.get(url)
    assert second.status_code == 200
    assert wsgi.django_calls == 1, "the cached page went through Django"
    assert "ข่าวแคชหน้าเว็บ" in second.text
    headers = sorted((k, v) for k, v in second.headers if k != "Content-Length")
    assert headers == sorted((k, v) for k, v in first.headers if k != "Content-Length")
    assert "Content-Security-Policy" in dict(second.headers)
    assert second.header("Content-Length") == [str(len(second.content))]
    # Nothing per visitor: no cookie, no token; the same bytes but the count.
    assert not first.header("Set-Cookie") and not second.header("Set-Cookie")
    assert "csrfmiddlewaretoken" not in second.text
    assert READS.sub("", first.text) == READS.sub("", second.text)
    writes = [q for q in queries if not q["sql"].startswith("SELECT")]
    assert writes == []  # the read is buffered, written by the flusher


def test_each_get_is_one_read_head_and_crawlers_are_not(wsgi, article):
    shown = [READS.search(wsgi.get(article.get_absolute_url()).text)[1] for _ in "abc"]
    assert shown == ["11", "12", "13"]  # the first through Django, then cached
    wsgi.get(article.get_absolute_url(), method="HEAD")
    wsgi.get(
        article.get_absolute_url(), agent="Mozilla/5.0 (compatible; Googlebot/2.1)"
    )
    assert wsgi.django_calls == 1
    assert reads_flush() == 3
    assert reads_flush() == 0  # written once
    assert ReadTotal.objects.get(article=article).total == 13


def test_logged_in_visitors_and_messages_go_to_django(wsgi, client, article):
    wsgi.get("/")
    user = make_user("page-server-editor", agencies=[article.agency])
    client.force_login(user)
    session = client.cookies["sessionid"].value
    wsgi.get("/", cookies={"sessionid": session})
    wsgi.get("/", cookies={"messages": "x"})
    assert wsgi.django_calls == 3


def test_other_addresses_go_to_django(wsgi, article):
    for url in ("/search/", "/news/abc/", "/news/1", "/news/0/", "/robots.txt"):
        wsgi.get(url)
        wsgi.get(url)
    assert wsgi.django_calls == 10
    wsgi.get("/", method="POST")
    assert wsgi.django_calls == 11


def test_list_pages_are_cached_per_valid_page_number_only(wsgi, redis_site, agency):
    for n in range(25):
        make_article(agency=agency, title=f"ข่าวหน้าที่สอง {n:02d}")
    first, second = wsgi.get("/"), wsgi.get("/", query="page=2")
    assert wsgi.get("/", query="page=2").text == second.text
    assert first.text != second.text
    assert wsgi.django_calls == 2
    for query in ("page=02", "page=0002", "page=last", "page=x", "page=-1"):
        wsgi.get("/", query=query)
    assert len(page_keys(redis_site)) == 2


def test_one_entry_per_page_whatever_the_host_header_says(wsgi, redis_site, article):
    for port in range(8000, 8050):
        assert wsgi.get("/", host=f"testserver:{port}").status_code == 200
    assert wsgi.get("/", host="TestServer").status_code == 200
    assert len(page_keys(redis_site)) == 1
    assert wsgi.django_calls == 1
    # A host Django refuses is Django's to refuse, and never stored.
    assert wsgi.get("/", host="evil.example").status_code == 400
    assert len(page_keys(redis_site)) == 1


def test_text_an_editor_types_cannot_open_a_hole(wsgi, agency):
    typed = "<!--hole reads 0--> @@newsroom:most-read@@ @@newsroom:csrf@@"
    article = make_article(agency=agency, title=typed, lead=f"<p>{typed}</p>")
    for _ in range(2):
        page = wsgi.get(article.get_absolute_url()).text
        title = re.search(r"<title>(.*?)</title>", page, re.S)[1]
        assert "ยอดนิยม" not in title and "@@newsroom:most-read@@" in title
        meta = re.search(r'<meta property="og:description" content="([^"]*)"', page)
        assert meta is None or "<" not in meta[1]
    assert wsgi.django_calls == 1


def test_publish_edit_unpublish_show_on_the_next_request(wsgi, article):
    url, agency_url = article.get_absolute_url(), f"/agency/{article.agency.slug}/"
    pages = (url, "/", agency_url)
    for _ in range(2):  # rendered, then answered from the cache
        for page in pages:
            wsgi.get(page)
    editor = make_user("page-server-desk", agencies=[article.agency])
    article_update(
        article=article, user=editor, version=article.version, title="หัวข่าวใหม่"
    )
    for page in pages:
        assert "หัวข่าวใหม่" in wsgi.get(page).text, page
    article.refresh_from_db()
    article_unpublish(article=article, user=editor)
    assert wsgi.get(url).status_code == 404
    assert "หัวข่าวใหม่" not in wsgi.get("/").text
    assert "หัวข่าวใหม่" not in wsgi.get(agency_url).text
    article.refresh_from_db()
    article_publish(article=article, user=editor)
    for page in pages:
        assert "หัวข่าวใหม่" in wsgi.get(page).text, page


def test_a_stale_list_is_rendered_again_by_one_visitor_only(wsgi, redis_site, article):
    from articles.pagecache import hits, keys
    from articles.pagecache.invalidation import current_generation
    from articles.pagecache.page import Page

    wsgi.get("/")
    key = keys.page_key(current_generation(), "http", "testserver", "list::1")
    client = redis_site.client()
    page = Page.from_bytes(client.get(key))
    page.fresh_until -= 10  # past its 5 s
    client.set(key, page.to_bytes())
    client.set(keys.refresh_key(key), 1)  # another visitor is rendering it
    hits.forget_held()  # a worker that holds no copy of the fresh page
    assert "ข่าวแคชหน้าเว็บ" in wsgi.get("/").text
    assert wsgi.django_calls == 1  # served stale, not rendered twice
    client.delete(keys.refresh_key(key))  # that render failed: the next claims
    ReadTotal.objects.filter(article=article).update(total=987)  # saves no article
    assert "อ่าน 987" in wsgi.get("/").text
    assert wsgi.django_calls == 2
    assert not Page.from_bytes(client.get(key)).stale()
    assert "อ่าน 987" in wsgi.get("/").text and wsgi.django_calls == 2


def test_only_pages_in_the_site_language_are_stored(wsgi, article):
    english = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}
    assert wsgi.get("/", meta=english).header("Content-Language") == ["en"]
    wsgi.get("/", meta=english)
    assert wsgi.django_calls == 2  # rendered in English: never stored
    wsgi.get("/")
    page = wsgi.get("/", meta=english)
    assert wsgi.django_calls == 3
    assert page.header("Content-Language") == ["th"]  # the site's page, for all


def test_a_save_outside_the_services_moves_the_pages_on(wsgi, article):
    # The admin and the shell save models directly: the signals' safety net.
    for _ in range(2):
        wsgi.get(article.get_absolute_url())
    article.title = "แก้จากหน้าผู้ดูแล"
    article.save()
    assert "แก้จากหน้าผู้ดูแล" in wsgi.get(article.get_absolute_url()).text
    assert wsgi.django_calls == 2


def test_a_list_page_confirmed_a_moment_ago_costs_no_round_trip(
    wsgi, redis_site, article, monkeypatch
):
    from articles.pagecache import hits

    wsgi.get("/")
    assert wsgi.get("/").status_code == 200  # held, confirmed by Redis
    redis_site.client().config_resetstat()
    for _ in range(20):
        assert "ข่าวแคชหน้าเว็บ" in wsgi.get("/").text
    assert wsgi.django_calls == 1
    calls = redis_site.client().info("commandstats")
    assert "cmdstat_evalsha" not in calls  # answered from the worker's copy
    monkeypatch.setattr(hits, "TRUST_SECONDS", 0.0)  # past the second: ask again
    assert wsgi.get("/").status_code == 200
    assert redis_site.client().info("commandstats")["cmdstat_evalsha"]["calls"] == 1


GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


def test_a_cached_page_is_sent_gzip_to_who_accepts_it_holes_filled(wsgi, article):
    import gzip
    import zlib

    url = article.get_absolute_url()
    first = wsgi.get(url, meta=GZIP)  # rendered by Django
    assert first.header("Content-Encoding") == ["gzip"]
    plain = wsgi.get(url)  # from the cache, plain
    assert wsgi.django_calls == 1
    assert plain.header("Content-Encoding") == []
    packed = wsgi.get(url, meta=GZIP)  # from the cache, compressed when stored
    assert wsgi.django_calls == 1
    assert packed.header("Content-Encoding") == ["gzip"]
    for response in (plain, packed):
        assert "Accept-Encoding" in response.header("Vary")[0]
    assert packed.header("Content-Length") == [str(len(packed.content))]
    assert len(packed.content) < len(plain.content) / 2
    text = gzip.decompress(packed.content).decode()
    assert text == packed.text
    single = zlib.decompressobj(31)  # one gzip member, as every client reads
    assert single.decompress(packed.content).decode() == text and single.eof
    assert READS.search(text)[1] == str(int(READS.search(plain.text)[1]) + 1)
    assert READS.sub("", text) == READS.sub("", plain.text)  # the same page
    reads_flush()
    assert ReadTotal.objects.get(article=article).total == 13


def test_django_pages_are_gzip_but_not_those_with_a_csrf_token(wsgi, article):
    import gzip

    search = wsgi.get("/search/?q=%E0%B8%82%E0%B9%88%E0%B8%B2%E0%B8%A7", meta=GZIP)
    assert search.header("Content-Encoding") == ["gzip"]
    assert "<html" in gzip.decompress(search.content).decode()
    login = wsgi.get("/accounts/login/", meta=GZIP)
    assert login.status_code == 200
    assert login.header("Content-Encoding") == []
    assert "csrfmiddlewaretoken" in login.text
