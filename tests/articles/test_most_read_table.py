"""The public ยอดนิยม block's stored lists (articles/services/most_read.py):
computed off the request path, read by a page in one query."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article, DailyRead, MostRead
from articles.pagecache.invalidation import current_generation
from articles.reads import bangkok_today, reads_flush
from articles.services import most_read as service
from articles.services.most_read import most_read_lists, most_read_refresh
from tests.articles.redis_db import needs_redis
from tests.factories import make_article

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Firefox/130.0"


def _read(article, days_ago, count):
    DailyRead.objects.update_or_create(
        article=article,
        day=bangkok_today() - timedelta(days=days_ago),
        defaults={"count": count},
    )


def _ids(articles):
    return [a.pk for a in articles]


def test_the_stored_lists_are_read_in_one_query_with_exact_counts(agency):
    a, b = make_article(), make_article()
    _read(a, 0, 30)
    _read(b, 0, 5)
    _read(b, 3, 100)
    assert most_read_refresh()
    current_generation()  # read at most once a second, for the whole page
    with CaptureQueriesContext(connection) as queries:
        today, week = most_read_lists()
    assert len(queries) == 1
    assert "dailyread" not in queries.captured_queries[0]["sql"]
    assert [(x.pk, x.period_reads) for x in today] == [(a.pk, 30), (b.pk, 5)]
    assert [(x.pk, x.period_reads) for x in week] == [(b.pk, 105), (a.pk, 30)]


def test_new_reads_show_after_the_next_refresh_not_before(agency):
    a, b = make_article(), make_article()
    _read(a, 0, 10)
    most_read_refresh()
    _read(b, 0, 50)
    assert _ids(most_read_lists()[0]) == [a.pk]  # lags until refreshed
    assert most_read_refresh(min_seconds=0)
    today, _ = most_read_lists()
    assert [(x.pk, x.period_reads) for x in today] == [(b.pk, 50), (a.pk, 10)]


def test_refreshes_come_at_most_every_few_seconds_but_a_new_day_at_once(
    agency, monkeypatch
):
    a = make_article()
    _read(a, 0, 10)
    assert most_read_refresh()
    assert not most_read_refresh()  # another worker just did
    tomorrow = bangkok_today() + timedelta(days=1)
    monkeypatch.setattr(service, "bangkok_today", lambda: tomorrow)
    assert most_read_refresh()
    assert set(MostRead.objects.values_list("day", flat=True)) == {tomorrow}
    today, week = most_read_lists()
    assert today == [] and _ids(week) == [a.pk]  # yesterday's 10 are in the week


def test_an_article_unpublished_since_leaves_and_the_next_moves_up(agency):
    articles = [make_article() for _ in range(7)]
    for n, article in enumerate(articles):
        _read(article, 0, 100 - n)
    most_read_refresh()
    assert _ids(most_read_lists()[0]) == _ids(articles[:5])
    Article.objects.filter(pk=articles[0].pk).update(status=Article.Status.UNPUBLISHED)
    articles[1].delete()
    assert _ids(most_read_lists()[0]) == _ids(articles[2:7])


def test_a_page_shows_the_stored_block_without_summing_reads(client, agency):
    popular = make_article(title="ข่าวที่คนอ่านมากที่สุด")
    _read(popular, 0, 77)
    most_read_refresh()
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/").content.decode()
    block = html[html.index('class="most-read"') :]
    assert "ข่าวที่คนอ่านมากที่สุด" in block and "อ่าน 77" in block
    sql = " ".join(q["sql"] for q in queries.captured_queries)
    assert "articles_dailyread" not in sql


@needs_redis
@pytest.mark.usefixtures("redis_site")
def test_the_read_flusher_refreshes_the_lists_after_writing(client, agency):
    article = make_article(title="ข่าวที่อ่านผ่านแคช")
    url = article.get_absolute_url()
    for _ in range(3):
        client.get(url, HTTP_USER_AGENT=BROWSER)
    assert MostRead.objects.count() == 0
    assert reads_flush() == 3
    today, week = most_read_lists()
    assert [(x.pk, x.period_reads) for x in today] == [(article.pk, 3)]
    assert [(x.pk, x.period_reads) for x in week] == [(article.pk, 3)]


def test_a_process_reads_the_stored_lists_once_for_a_few_seconds(agency):
    _read(make_article(), 0, 3)
    most_read_refresh()
    most_read_lists()
    with CaptureQueriesContext(connection) as queries:
        for _ in range(5):
            assert len(most_read_lists()[0]) == 1
    assert len(queries) == 0
