"""Related news stored when an article is published or edited
(articles/services/related.py), read on the page with one query."""

import io

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article, RelatedNews
from articles.search import related_articles
from articles.services.articles import article_publish, article_update
from articles.services.related import related_store, related_store_all
from tests.factories import make_article, make_user


def _ids(articles):
    return [a.pk for a in articles]


def _as_on_the_page(article):
    return Article.objects.select_related("search_document", "related_news").get(
        pk=article.pk
    )


def test_publishing_stores_the_related_news(agency, django_capture_on_commit_callbacks):
    editor = make_user(agencies=[agency])
    other = make_article(title="ลิ้นจี่พะเยาราคาดีปีนี้")
    draft = make_article(title="เทศกาลลิ้นจี่พะเยา", status=Article.Status.DRAFT)
    RelatedNews.objects.filter(article=draft).delete()
    with django_capture_on_commit_callbacks(execute=True):
        article_publish(article=draft, user=editor)
    assert RelatedNews.objects.get(article=draft).ids[0] == other.pk


def test_an_edit_stores_them_again_from_the_new_words(
    agency, other_agency, django_capture_on_commit_callbacks
):
    editor = make_user(agencies=[agency])
    boats = make_article(agency=other_agency, title="แข่งขันเรือยาวประเพณี")
    lychee = make_article(agency=other_agency, title="ลิ้นจี่พะเยาราคาดี")
    article = make_article(title="แข่งขันเรือยาวสนามแรก")
    related_store(article=_as_on_the_page(article))
    assert RelatedNews.objects.get(article=article).ids[0] == boats.pk
    with django_capture_on_commit_callbacks(execute=True):
        article_update(
            article=article, user=editor, version=article.version, title="ลิ้นจี่พะเยา"
        )
    assert RelatedNews.objects.get(article=article).ids[0] == lychee.pk


def test_the_page_reads_them_in_one_query(agency):
    article = make_article(title="เทศกาลลิ้นจี่พะเยา")
    others = [make_article(title=f"ลิ้นจี่พะเยา ตอนที่ {n}") for n in range(3)]
    related_store(article=_as_on_the_page(article))
    article = _as_on_the_page(article)
    with CaptureQueriesContext(connection) as queries:
        related = related_articles(article)
    assert len(queries) == 1
    assert set(_ids(related)) == set(_ids(others))


def test_unpublished_or_deleted_related_news_does_not_show(agency):
    article = make_article(title="แข่งขันเรือยาวประเพณี")
    others = [make_article(title=f"แข่งขันเรือยาว สนามที่ {n}") for n in range(7)]
    related_store(article=_as_on_the_page(article))
    stored = RelatedNews.objects.get(article=article).ids
    assert len(stored) > 5  # spares for the ones that go
    shown = _ids(related_articles(_as_on_the_page(article)))
    assert shown == stored[:5]
    gone, deleted = shown[0], shown[1]
    Article.objects.filter(pk=gone).update(status=Article.Status.UNPUBLISHED)
    Article.objects.get(pk=deleted).delete()
    shown = _ids(related_articles(_as_on_the_page(article)))
    assert gone not in shown and deleted not in shown
    assert shown == [pk for pk in stored if pk not in (gone, deleted)][:5]
    assert set(shown) <= set(_ids(others))


def test_an_article_never_computed_is_computed_once_on_its_page(agency):
    article = make_article(title="ข่าวนำเข้าจากระบบเดิม")
    neighbour = make_article(title="ข่าวนำเข้าจากระบบเดิม อีกข่าว")
    RelatedNews.objects.all().delete()
    assert _ids(related_articles(_as_on_the_page(article))) == [neighbour.pk]
    assert RelatedNews.objects.get(article=article).ids == [neighbour.pk]


def test_the_backfill_command_stores_every_published_article(agency):
    published = [make_article(title=f"ข่าวย้อนหลัง {n}") for n in range(3)]
    draft = make_article(status=Article.Status.DRAFT)
    RelatedNews.objects.all().delete()
    call_command("related_news", stdout=io.StringIO())
    assert set(RelatedNews.objects.values_list("article", flat=True)) == set(
        _ids(published)
    )
    assert draft.pk not in RelatedNews.objects.values_list("article", flat=True)
    assert related_store_all(only_missing=True) == 0
