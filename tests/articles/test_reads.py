import threading

import pytest
from django.db import connection, connections
from django.test import Client

from articles.models import DailyRead, ReadTotal
from articles.reads import bangkok_today
from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/126 Mobile"


def totals(article):
    total = ReadTotal.objects.get(article=article).total
    daily = DailyRead.objects.filter(article=article, day=bangkok_today())
    return total, sum(daily.values_list("count", flat=True))


def test_each_visit_counts_once_and_the_page_shows_it(client, agency):
    article = make_article(reads=45)
    for expected in (46, 47):
        html = client.get(article.get_absolute_url(), HTTP_USER_AGENT=BROWSER)
        assert (
            f'อ่าน : <span class="read-count">{expected}</span>' in html.content.decode()
        )
    assert totals(article) == (47, 2)


@pytest.mark.parametrize(
    "agent",
    [
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "facebookexternalhit/1.1;line-poker/1.0",
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
    ],
)
def test_crawlers_are_not_counted(client, agency, agent):
    article = make_article(reads=5)
    assert (
        client.get(article.get_absolute_url(), HTTP_USER_AGENT=agent).status_code == 200
    )
    assert totals(article) == (5, 0)


def test_head_requests_are_not_counted(client, agency):
    article = make_article(reads=5)
    assert client.head(article.get_absolute_url()).status_code == 200
    assert totals(article) == (5, 0)


def test_logged_in_editors_are_not_counted(client, agency):
    article = make_article(reads=5)
    client.force_login(make_user(agencies=[agency]))
    assert client.get(article.get_absolute_url()).status_code == 200
    assert totals(article) == (5, 0)


def test_saving_an_article_never_overwrites_its_count(client, agency):
    article = make_article(reads=10)
    stale = type(article).objects.get(pk=article.pk)
    client.get(article.get_absolute_url(), HTTP_USER_AGENT=BROWSER)
    stale.title = "แก้ไขหัวข้อ"
    stale.save()
    assert totals(article) == (11, 1)


def test_a_missing_counter_row_is_created_on_first_read(client, agency):
    article = make_article()
    ReadTotal.objects.filter(article=article).delete()
    client.get(article.get_absolute_url(), HTTP_USER_AGENT=BROWSER)
    assert totals(article) == (1, 1)


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL's concurrent writers"
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_reads_are_all_counted(agency):
    article = make_article(reads=0)
    url = article.get_absolute_url()
    errors = []

    def reader():
        try:
            browser = Client(HTTP_USER_AGENT=BROWSER)
            for _ in range(50):
                if browser.get(url).status_code != 200:
                    errors.append("status")
        except Exception as exc:  # surfaced below: a thread cannot fail the test
            errors.append(repr(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=reader) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert totals(article) == (400, 400)
