"""Cached public pages: fast for visitors, never stale after an editor's change."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import ReadTotal
from articles.reads import reads_flush
from articles.services.articles import (
    article_publish,
    article_unpublish,
    article_update,
)
from tests.articles.redis_db import needs_redis
from tests.factories import make_article, make_user

pytestmark = [pytest.mark.django_db, needs_redis, pytest.mark.usefixtures("redis_site")]

BROWSER = "Mozilla/5.0 (Linux; Android 14) Chrome/126 Mobile"


def pages(article):
    return {
        "article": article.get_absolute_url(),
        "home": "/",
        "agency": f"/agency/{article.agency.slug}/",
        "feed": "/feeds/latest.xml",
        "agency feed": f"/feeds/agency/{article.agency.slug}.xml",
    }


def fetch_all(client, article):
    return {
        name: client.get(url, HTTP_USER_AGENT=BROWSER)
        for name, url in pages(article).items()
    }


@pytest.fixture
def editor(agency):
    return make_user("desk-editor", agencies=[agency])


def test_publish_edit_and_unpublish_show_on_the_next_request(client, agency, editor):
    live = make_article(title="ข่าวที่เผยแพร่แล้ว")
    draft = make_article(title="ข่าวรอเผยแพร่ใหม่", status="draft", published_at=None)
    fetch_all(client, live)  # every page cached
    assert client.get(draft.get_absolute_url()).status_code == 404

    article_publish(article=draft, user=editor)
    responses = fetch_all(client, draft)
    for name, response in responses.items():
        assert response.status_code == 200, name
        assert "ข่าวรอเผยแพร่ใหม่" in response.content.decode(), name

    draft.refresh_from_db()
    article_update(
        article=draft, user=editor, version=draft.version, title="หัวข้อที่แก้ไขแล้ว"
    )
    for name, response in fetch_all(client, draft).items():
        html = response.content.decode()
        assert "หัวข้อที่แก้ไขแล้ว" in html and "ข่าวรอเผยแพร่ใหม่" not in html, name

    article_unpublish(article=draft, user=editor)
    responses = fetch_all(client, draft)
    assert responses.pop("article").status_code == 404
    for name, response in responses.items():
        assert "หัวข้อที่แก้ไขแล้ว" not in response.content.decode(), name


def test_a_cached_article_is_served_without_reading_the_article(client, agency):
    article = make_article(reads=45)
    url = article.get_absolute_url()
    client.get(url, HTTP_USER_AGENT=BROWSER)
    with CaptureQueriesContext(connection) as queries:
        html = client.get(url, HTTP_USER_AGENT=BROWSER).content.decode()
    assert '<span class="read-count">47</span>' in html
    tables = " ".join(q["sql"] for q in queries.captured_queries)
    assert "articles_article" not in tables
    # The read is buffered in Redis and the worker, written on the next flush.
    assert reads_flush() == 2
    assert ReadTotal.objects.get(article=article).total == 47


def test_the_login_box_logs_in_from_this_site_and_only_from_it(agency):
    from django.test import Client

    make_user("box-editor", password="box-password-123", agencies=[agency])
    article = make_article()
    visitor = Client(enforce_csrf_checks=True)
    html = visitor.get(article.get_absolute_url()).content.decode()
    assert "csrfmiddlewaretoken" not in html and not visitor.cookies
    form = {"username": "box-editor", "password": "box-password-123"}
    for headers in (
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_SEC_FETCH_SITE": "cross-site"},
        {"HTTP_ORIGIN": "null", "HTTP_SEC_FETCH_SITE": "cross-site"},
    ):
        assert visitor.post("/accounts/login/", form, **headers).status_code == 403
    assert "_auth_user_id" not in visitor.session
    # Without either header (not a browser) Django's token is still required.
    assert visitor.post("/accounts/login/", form).status_code == 403
    response = visitor.post(
        "/accounts/login/",
        {**form, "next": "/desk/"},
        HTTP_ORIGIN="http://testserver",
        HTTP_SEC_FETCH_SITE="same-origin",
    )
    assert response.status_code == 302 and response["Location"] == "/desk/"


def test_logged_in_editors_see_their_own_login_box_not_a_cached_page(client, agency):
    article = make_article()
    client.get(article.get_absolute_url())  # cached for visitors
    client.force_login(make_user("box-owner", agencies=[agency]))
    html = client.get(article.get_absolute_url()).content.decode()
    assert "box-owner" in html and "ออกจากระบบ" in html
