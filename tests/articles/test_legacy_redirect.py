"""/ct/news/viewnews.php?ID=<legacy id>: 301 to the article, else 404, never 500."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from tests.factories import make_article

pytestmark = pytest.mark.django_db

URL = "/ct/news/viewnews.php"


@pytest.fixture
def legacy_article():
    return make_article(legacy_id="180614143702")


def test_known_id_redirects_permanently_to_the_canonical_address(
    client, legacy_article
):
    response = client.get(URL, {"ID": "180614143702"})
    assert response.status_code == 301
    assert response["Location"] == f"/news/{legacy_article.pk}/"


def test_redirect_keeps_working_with_other_legacy_parameters(client, legacy_article):
    response = client.get(URL, {"ID": " 180614143702 ", "CID": "3", "lang": "th"})
    assert response.status_code == 301
    assert response["Location"] == legacy_article.get_absolute_url()


def test_head_is_answered_like_get(client, legacy_article):
    assert client.head(URL, {"ID": "180614143702"}).status_code == 301


def test_redirect_does_not_count_a_read(client, legacy_article):
    client.get(URL, {"ID": "180614143702"})
    legacy_article.refresh_from_db()
    assert legacy_article.read_count == 0


@pytest.mark.parametrize(
    "query",
    [
        {"ID": "180614143703"},  # unknown
        {"ID": ""},  # empty
        {},  # absent
        {"ID": "abc"},
        {"ID": "18061414370x"},
        {"ID": "-180614143702"},
        {"ID": "180614143702.0"},
        {"ID": "๑๘๐๖๑๔๑๔๓๗๐๒"},  # Thai digits are not the legacy IDs
        {"ID": "1" * 21},
        {"ID": "9" * 100_000},  # absurdly long
        {"ID": "180614143702\x00"},
        {"ID": "' OR 1=1 --"},
        {"ID": "../../etc/passwd"},
        {"id": "180614143702"},  # the legacy site's parameter is ID
    ],
)
def test_unknown_empty_or_malformed_ids_answer_404(client, legacy_article, query):
    response = client.get(URL, query)
    assert response.status_code == 404


def test_unpublished_article_answers_404(client, legacy_article):
    Article.objects.filter(pk=legacy_article.pk).update(
        status=Article.Status.UNPUBLISHED
    )
    assert client.get(URL, {"ID": "180614143702"}).status_code == 404


def test_scheduled_article_answers_404_until_due(client):
    make_article(
        legacy_id="300101000000", published_at=timezone.now() + timedelta(days=1)
    )
    assert client.get(URL, {"ID": "300101000000"}).status_code == 404


def test_404_page_is_in_thai(client):
    response = client.get(URL, {"ID": "nope"})
    assert response.status_code == 404
    assert 'lang="th"' in response.content.decode()
