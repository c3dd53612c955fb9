"""Login from the box on every page, logout by POST, and the Thai failure."""

import pytest
from django.urls import reverse

from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"


@pytest.fixture
def editor(agency):
    return make_user("editor-login", password=PASSWORD, agencies=[agency])


def test_every_public_page_carries_the_login_box(client, agency):
    article = make_article()
    for url in (reverse("articles:home"), article.get_absolute_url()):
        html = client.get(url).content.decode()
        assert f'action="{reverse("accounts:login")}"' in html
        assert "Name :" in html and "Pass :" in html


def test_login_from_the_box_goes_to_the_desk(client, editor):
    response = client.post(
        reverse("accounts:login"),
        {"username": "editor-login", "password": PASSWORD, "next": "/desk/"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("desk:index")
    assert client.session["_auth_user_id"] == str(editor.pk)


def test_login_follows_a_safe_next_only(client, editor):
    data = {"username": "editor-login", "password": PASSWORD}
    safe = client.post(
        reverse("accounts:login"), {**data, "next": "/desk/articles/new/"}
    )
    assert safe["Location"] == "/desk/articles/new/"
    client.logout()
    unsafe = client.post(
        reverse("accounts:login"), {**data, "next": "https://evil.example/"}
    )
    assert unsafe["Location"] == reverse("desk:index")


def test_wrong_password_shows_a_thai_message(client, editor):
    response = client.post(
        reverse("accounts:login"),
        {"username": "editor-login", "password": "wrong"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง" in html
    assert "_auth_user_id" not in client.session


def test_empty_login_says_which_field_in_thai(client):
    html = client.post(reverse("accounts:login"), {}).content.decode()
    assert "กรุณากรอกชื่อผู้ใช้" in html and "กรุณากรอกรหัสผ่าน" in html


def test_logout_is_by_post(client, editor):
    client.force_login(editor)
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert "_auth_user_id" in client.session
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
