"""Public pages run a fixed, small number of queries, whatever the amount of
news: the same count on a small site and on one with many more articles,
reads, topics and related news."""

from datetime import timedelta

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.fragments import fragments_forget
from articles.models import ArticleRender, DailyRead, Topic
from articles.reads import bangkok_today
from articles.services.most_read import most_read_refresh
from articles.services.related import related_store_all
from tests.factories import make_article

BROWSER = "Mozilla/5.0 (Linux; Android 14) Chrome/126 Mobile"
# The counts today (the article's include writing its read: 2 statements and
# their savepoint); the point is they do not grow with the news.
# The article page drawn again (its stored parts missing or stale): 13, one
# for its PDF documents and 5 to store its parts; from its stored parts: 8.
MOST = {"article": 19, "article-stored": 8, "home": 7, "agency": 6}


def _add_news(agency, other_agency, count):
    topics = [
        Topic.objects.get_or_create(slug=f"topic-{n}", name=f"หัวข้อ {n}")[0]
        for n in range(3)
    ]
    today = bangkok_today()
    for n in range(count):
        article = make_article(
            agency=(agency, other_agency)[n % 2],
            title=f"ประชุมคณะกรรมการพัฒนาจังหวัด ครั้งที่ {n}",
            lead=f"<p>ความนำของข่าวลำดับ {n}</p>",
            reads=n,
            is_featured=n % 7 == 0,
        )
        article.topics.set(topics[: n % 4])
        for back in range(n % 3):
            DailyRead.objects.create(
                article=article, day=today - timedelta(days=back), count=n + back
            )
    related_store_all()
    most_read_refresh(min_seconds=0)


def _pages(agency, article):
    return {
        "article": article.get_absolute_url(),
        "article-stored": article.get_absolute_url(),
        "home": "/",
        "agency": agency.get_absolute_url(),
    }


def _counts(client, urls):
    counts = {}
    for name, url in urls.items():
        cache.clear()  # every page as on a cold process: nothing cached
        fragments_forget()
        if name == "article":  # and its parts never rendered
            ArticleRender.objects.all().delete()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, HTTP_USER_AGENT=BROWSER)
        assert response.status_code == 200, name
        counts[name] = len(queries)
    return counts


def test_page_queries_do_not_grow_with_the_news(client, agency, other_agency):
    _add_news(agency, other_agency, 4)
    article = make_article(title="ประชุมคณะกรรมการพัฒนาจังหวัด นัดพิเศษ")
    article.topics.set(Topic.objects.all())
    related_store_all()
    small = _counts(client, _pages(agency, article))
    _add_news(agency, other_agency, 40)  # ten times the news
    large = _counts(client, _pages(agency, article))
    assert large == small
    for name, count in large.items():
        assert count <= MOST[name], (name, count)
