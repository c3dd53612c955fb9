"""Desk, account and admin pages are never stored by a cache; public ones may be."""

import pytest
from django.urls import reverse

from tests.factories import login_verified, make_article, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(agency):
    return make_user("no-store", agencies=[agency], is_staff=True, is_superuser=True)


@pytest.mark.parametrize(
    "url",
    [
        "/accounts/login/",
        "/accounts/password/reset/",
        "/accounts/password/reset/sent/",
        "/accounts/password/change/",
        "/desk/",
        "/desk/articles/new/",
        "/admin/",
        "/admin/articles/article/",
    ],
)
def test_private_pages_are_not_stored(client, editor, url):
    login_verified(client, editor)  # a site admin: past both sign-in steps
    response = client.get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store, private"


def test_private_redirects_and_posts_are_not_stored(client, agency):
    assert client.get("/desk/")["Cache-Control"] == "no-store, private"
    response = client.post("/accounts/login/", {"username": "x", "password": "y"})
    assert response["Cache-Control"] == "no-store, private"


def test_public_pages_keep_their_caching(client, agency):
    article = make_article(agency=agency)
    for url in ("/", article.get_absolute_url(), reverse("robots")):
        assert "no-store" not in client.get(url).get("Cache-Control", "")
