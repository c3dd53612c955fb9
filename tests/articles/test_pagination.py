"""List pages count their pages once per content generation."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from articles.pagination import CachedCountPaginator
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def test_count_is_taken_once_then_cached(agency):
    for _ in range(3):
        make_article(agency=agency)
    queryset = Article.objects.published()
    with CaptureQueriesContext(connection) as first:
        assert CachedCountPaginator(queryset, 2, count_key="k").count == 3
    with CaptureQueriesContext(connection) as second:
        assert CachedCountPaginator(queryset, 2, count_key="k").count == 3
    assert len(first) == 1 and len(second) == 0


def test_a_publish_moves_the_page_count_at_once(client, agency):
    for _ in range(40):
        make_article(agency=agency)
    assert "หน้า 1 จาก 2" in client.get("/").content.decode()
    make_article(agency=agency)
    assert "หน้า 1 จาก 3" in client.get("/").content.decode()
    assert "หน้า 1 จาก 3" in client.get(f"/agency/{agency.slug}/").content.decode()
