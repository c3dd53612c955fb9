"""Every HTML page the site serves shows the banner and the footer's address.

Django's auth views put a `site` of their own into the context; the site's
identity must survive that on the login and password pages too.
"""

import re

import pytest
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db

BANNER = settings.NEWSROOM["BANNER"]
ADDRESS = settings.NEWSROOM["FOOTER_ADDRESS"]
SITE_NAME = settings.NEWSROOM["SITE_NAME"]
PASSWORD = "correct-horse-battery"


def assert_identity(response, status=200):
    assert response.status_code == status
    html = response.content.decode()
    assert re.search(r'<span class="banner">' + re.escape(BANNER), html)
    assert ADDRESS in html
    title = re.search(r"<title>(.*?)</title>", html, re.S)[1]
    assert SITE_NAME in title


@pytest.fixture
def editor(agency):
    return make_user("editor-id", agencies=[agency], email="ed@example.org")


@pytest.fixture
def article(agency):
    return make_article(agency=agency)


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/agency/pr-phayao/",
        "/search/",
        "/search/?q=ข่าว",
        "/accounts/login/",
        "/accounts/password/reset/",
        "/accounts/password/reset/sent/",
        "/accounts/password/reset/done/",
        "/accounts/password/reset/MQ/not-a-token/",
        "/no-such-page/",
    ],
)
def test_anonymous_pages_show_banner_and_footer(client, article, url):
    response = client.get(url)
    assert_identity(response, status=404 if "no-such" in url else 200)


def test_article_page_shows_banner_and_footer(client, article):
    assert_identity(client.get(article.get_absolute_url()))


@pytest.mark.parametrize(
    "name",
    ["accounts:password_change", "accounts:password_change_done", "desk:index"],
)
def test_editor_pages_show_banner_and_footer(client, editor, name):
    client.force_login(editor)
    assert_identity(client.get(reverse(name)))


def test_desk_article_forms_show_banner_and_footer(client, editor, article):
    client.force_login(editor)
    assert_identity(client.get(reverse("desk:new")))
    assert_identity(client.get(reverse("desk:edit", args=[article.pk])))


def test_login_form_with_errors_shows_banner_and_footer(client, editor):
    response = client.post(
        reverse("accounts:login"), {"username": "editor-id", "password": "wrong"}
    )
    assert_identity(response)


def test_reset_confirm_and_complete_show_banner_and_footer(client, editor):
    uid = urlsafe_base64_encode(force_bytes(editor.pk))
    token = default_token_generator.make_token(editor)
    form = client.get(
        reverse("accounts:password_reset_confirm", args=[uid, token]), follow=True
    )
    assert_identity(form)
    assert "new_password1" in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "ข้าวซอย-เชียงใหม่-99", "new_password2": "ข้าวซอย-เชียงใหม่-99"},
        follow=True,
    )
    assert done.redirect_chain[-1][0] == reverse("accounts:password_reset_complete")
    assert_identity(done)
    assert mail.outbox == []


def test_locked_out_page_shows_banner_and_footer(client, editor):
    for _ in range(5):
        client.post(
            reverse("accounts:login"), {"username": "editor-id", "password": "wrong"}
        )
    response = client.post(
        reverse("accounts:login"), {"username": "editor-id", "password": PASSWORD}
    )
    assert_identity(response, status=429)


@pytest.mark.urls("tests.newsroom.boom_urls")
def test_server_error_page_shows_banner_and_footer(article):
    client = Client(raise_request_exception=False)
    assert_identity(client.get("/boom/"), status=500)
