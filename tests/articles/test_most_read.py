"""Most read (ยอดนิยม): today and the last 7 days, summed from the daily read rows
(the stored lists the pages show: test_most_read_table.py)."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article, DailyRead
from articles.reads import bangkok_today
from articles.search import most_read
from articles.services.most_read import most_read_refresh
from tests.factories import make_article


def _read(article, days_ago, count):
    DailyRead.objects.create(
        article=article, day=bangkok_today() - timedelta(days=days_ago), count=count
    )


def test_today_and_week_rank_by_reads_in_the_period(agency):
    a = make_article(title="อ่านมากวันนี้")
    b = make_article(title="อ่านมากเมื่อวาน")
    c = make_article(title="อ่านมากเมื่อเดือนก่อน")
    _read(a, 0, 30)
    _read(b, 0, 5)
    _read(b, 1, 100)
    _read(c, 30, 1000)
    today = most_read(days=1)
    assert [x.pk for x in today] == [a.pk, b.pk]
    assert [x.period_reads for x in today] == [30, 5]
    week = most_read(days=7)
    assert [x.pk for x in week] == [b.pk, a.pk]
    assert week[0].period_reads == 105


def test_only_published_articles_and_at_most_five(agency):
    articles = [make_article() for _ in range(7)]
    for n, article in enumerate(articles):
        _read(article, 0, n + 1)
    hidden = make_article(status=Article.Status.UNPUBLISHED)
    _read(hidden, 0, 999)
    today = most_read(days=1)
    assert len(today) == 5 and hidden.pk not in [x.pk for x in today]
    assert today[0].pk == articles[-1].pk


def test_one_aggregate_query_each(agency):
    _read(make_article(), 0, 3)
    with CaptureQueriesContext(connection) as ctx:
        most_read(days=1)
        most_read(days=7)
    assert len(ctx) == 2


def test_an_unpublished_article_leaves_the_list(agency):
    article = make_article(title="ข่าวที่จะถูกถอน")
    _read(article, 0, 50)
    assert [x.pk for x in most_read(days=1)] == [article.pk]
    article.status = Article.Status.UNPUBLISHED
    article.save()
    assert most_read(days=1) == []


def test_home_and_article_pages_show_most_read(client, agency):
    popular = make_article(title="ข่าวยอดนิยมที่สุด")
    other = make_article(title="ข่าวอื่นของวัน")
    _read(popular, 0, 40)
    most_read_refresh()  # the read flusher's job, off the request path
    home = client.get("/").content.decode()
    assert "ยอดนิยม" in home
    section = home[home.index('class="most-read"') :]
    assert "ข่าวยอดนิยมที่สุด" in section and "อ่าน 40" in section
    page = client.get(other.get_absolute_url()).content.decode()
    assert "ข่าวยอดนิยมที่สุด" in page[page.index('class="most-read"') :]
