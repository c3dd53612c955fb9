"""Cached pages answered in front of Django: same page, same headers, own CSRF
token, every read counted once, never stale."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from articles.models import ReadTotal
from articles.services.articles import (
    article_publish,
    article_unpublish,
    article_update,
)
from newsroom.csrf_token import cookie_header, secret_of
from tests.articles.conftest import DEMO_PASSWORD
from tests.articles.wsgi_client import WSGIClient
from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
READS = re.compile(r"read-count\">(\d+)<")
UNSTORED = {"set-cookie", "content-length"}


@pytest.fixture
def wsgi():
    return WSGIClient()


@pytest.fixture
def article(agency):
    return make_article(agency=agency, title="ข่าวแคชหน้าเว็บ", reads=10)


def stored_headers(response):
    return sorted((k, v) for k, v in response.headers if k.lower() not in UNSTORED)


@pytest.mark.parametrize("page", ["home", "agency", "article"])
def test_second_visit_is_answered_in_front_of_django(wsgi, article, page):
    url = {
        "home": "/",
        "agency": f"/agency/{article.agency.slug}/",
        "article": article.get_absolute_url(),
    }[page]
    first = wsgi.get(url)
    assert first.status_code == 200 and wsgi.django_calls == 1
    with CaptureQueriesContext(connection) as queries:
        second = wsgi.get(url)
    assert second.status_code == 200
    assert wsgi.django_calls == 1, "the cached page went through Django"
    assert "ข่าวแคชหน้าเว็บ" in second.text
    assert stored_headers(second) == stored_headers(first)
    assert "Content-Security-Policy" in dict(second.headers)
    assert second.header("Content-Length") == [str(len(second.content))]
    # Only the article's read is written: one UPDATE and one upsert.
    writes = [q for q in queries if "SAVEPOINT" not in q["sql"]]
    assert len(writes) == (2 if page == "article" else 0)
    # The same page but for the visitor's own token.
    assert TOKEN.sub("", READS.sub("", first.text)) == TOKEN.sub(
        "", READS.sub("", second.text)
    )


def test_each_get_is_one_read_head_and_crawlers_are_not(wsgi, article):
    shown = [READS.search(wsgi.get(article.get_absolute_url()).text)[1] for _ in "abc"]
    assert shown == ["11", "12", "13"]  # the first through Django, then cached
    wsgi.get(article.get_absolute_url(), method="HEAD")
    wsgi.get(
        article.get_absolute_url(), agent="Mozilla/5.0 (compatible; Googlebot/2.1)"
    )
    assert ReadTotal.objects.get(article=article).total == 13
    assert wsgi.django_calls == 1


def test_token_of_a_cached_page_logs_an_editor_in(wsgi, demo):
    wsgi.get("/")
    page = wsgi.get("/")
    assert wsgi.django_calls == 1
    token = TOKEN.search(page.text)[1]
    secret = page.cookies["csrftoken"].value
    browser = Client(enforce_csrf_checks=True)
    browser.cookies["csrftoken"] = secret
    response = browser.post(
        "/accounts/login/",
        {
            "username": "demo-phayao",
            "password": DEMO_PASSWORD,
            "csrfmiddlewaretoken": token,
        },
    )
    assert response.status_code == 302
    # A forged token is refused.
    browser = Client(enforce_csrf_checks=True)
    browser.cookies["csrftoken"] = secret
    response = browser.post(
        "/accounts/login/",
        {
            "username": "demo-phayao",
            "password": DEMO_PASSWORD,
            "csrfmiddlewaretoken": "x",
        },
    )
    assert response.status_code == 403


def test_a_visitor_keeps_their_csrf_cookie(wsgi, article):
    wsgi.get("/")
    secret = "a" * 32
    page = wsgi.get("/", cookies={"csrftoken": secret})
    assert wsgi.django_calls == 1
    assert page.cookies["csrftoken"].value == secret
    assert secret_of(TOKEN.search(page.text)[1]) == secret
    # A malformed cookie is replaced, as Django replaces it.
    page = wsgi.get("/", cookies={"csrftoken": "bad!"})
    assert re.fullmatch(r"[A-Za-z0-9]{32}", page.cookies["csrftoken"].value)


def test_csrf_cookie_is_the_one_django_sets(wsgi, article):
    django_page = wsgi.get("/")  # rendered by Django: its own cookie
    ours = wsgi.get("/")
    theirs, mine = django_page.cookies["csrftoken"], ours.cookies["csrftoken"]
    for attribute in ("max-age", "path", "domain", "secure", "httponly", "samesite"):
        assert mine[attribute] == theirs[attribute], attribute
    assert cookie_header("s" * 32).startswith("csrftoken=" + "s" * 32 + "; ")


def test_logged_in_visitors_and_messages_go_to_django(wsgi, client, article):
    wsgi.get("/")
    user = make_user("page-server-editor", agencies=[article.agency])
    client.force_login(user)
    session = client.cookies["sessionid"].value
    wsgi.get("/", cookies={"sessionid": session})
    wsgi.get("/", cookies={"messages": "x"})
    assert wsgi.django_calls == 3


def test_other_addresses_go_to_django(wsgi, article):
    for url in (
        "/search/",
        "/news/abc/",
        "/news/1",
        "/feeds/latest.xml",
        "/robots.txt",
    ):
        wsgi.get(url)
        wsgi.get(url)
    assert wsgi.django_calls == 10
    wsgi.get("/", method="POST")
    assert wsgi.django_calls == 11


def test_list_pages_are_cached_per_page_number(wsgi, agency):
    for n in range(25):
        make_article(agency=agency, title=f"ข่าวหน้าที่สอง {n:02d}")
    first, second = wsgi.get("/"), wsgi.get("/", query="page=2")
    assert wsgi.get("/", query="page=2").text.count("ข่าวหน้าที่สอง") == second.text.count(
        "ข่าวหน้าที่สอง"
    )
    assert first.text != second.text
    assert wsgi.django_calls == 2


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


def test_a_page_is_served_when_its_most_read_block_fails(wsgi, article, monkeypatch):
    from django.core.cache import cache

    from articles import page_cache
    from articles.search import generation

    url = article.get_absolute_url()
    wsgi.get(url)
    cache.delete(page_cache.most_read_key(generation.current()))

    def broken(gen):
        raise RuntimeError("database gone")

    monkeypatch.setattr(page_cache, "most_read_html", broken)
    page = wsgi.get(url)
    assert page.status_code == 200 and "ข่าวแคชหน้าเว็บ" in page.text
    assert wsgi.django_calls == 1  # not sent on to Django: the read was counted
    assert ReadTotal.objects.get(article=article).total == 12


def test_a_stale_list_is_rendered_again_by_one_visitor_only(wsgi, article):
    from django.core.cache import cache

    from articles import page_cache
    from articles.search import generation

    wsgi.get("/")
    key = page_cache.key_of("http", "testserver", "list::1", generation.current())
    page = page_cache.Page.from_entry(cache.get(key))
    page.fresh_until -= page_cache.LIST_SECONDS + 1  # past its 5 s
    cache.set(key, page.entry(page.headers))
    cache.add(f"refresh:{key}", 1)  # another visitor is rendering it
    assert "ข่าวแคชหน้าเว็บ" in wsgi.get("/").text
    assert wsgi.django_calls == 1  # served stale, not rendered twice
    cache.delete(f"refresh:{key}")  # that render failed: the next visitor claims
    ReadTotal.objects.filter(article=article).update(total=987)  # saves no article
    assert "อ่าน 987" in wsgi.get("/").text
    assert wsgi.django_calls == 2
    assert not page_cache.Page.from_entry(cache.get(key)).stale()
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
