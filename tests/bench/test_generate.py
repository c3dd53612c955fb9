"""The benchmark's data generator writes rows the site accepts as real news."""

import re
from datetime import timedelta

import pytest
from django.db.models import Sum
from django.utils import timezone

from articles.models import Article, DailyRead, ReadTotal
from articles.sanitize import clean_html
from articles.thai import BANGKOK
from bench.generate import generate

THAI = re.compile("[\u0e00-\u0e7f]")
COUNT = 60


@pytest.fixture
def generated(db):
    now = timezone.now()
    before = set(Article.objects.values_list("pk", flat=True))
    result = generate(articles=COUNT, seed=3, batch=25, now=now)
    articles = list(
        Article.objects.exclude(pk__in=before).select_related("agency", "author")
    )
    return result, articles, now


def test_generates_the_number_asked_for_with_counters_and_daily_reads(generated):
    result, articles, _ = generated
    assert result["articles"] == len(articles) == COUNT
    ids = [a.pk for a in articles]
    assert ReadTotal.objects.filter(article_id__in=ids).count() == COUNT
    daily = DailyRead.objects.filter(article_id__in=ids)
    assert daily.count() == result["daily_reads"] > 0
    for article in articles:
        counted = daily.filter(article=article).aggregate(s=Sum("count"))["s"] or 0
        if article.legacy_id:  # the old site's reads come on top
            assert article.reads.total >= counted
        else:
            assert article.reads.total == counted


def test_articles_are_thai_news_over_agencies_and_ten_years(generated):
    _, articles, now = generated
    assert len({a.agency_id for a in articles}) > 5
    published = [a for a in articles if a.status == Article.Status.PUBLISHED]
    assert len(published) > COUNT * 0.8
    for article in articles:
        assert THAI.search(article.title)
        assert 2048 <= len(article.body.encode()) <= 20 * 1024
        assert clean_html(article.body) == article.body
        assert article.author.agency_id == article.agency_id
        if article.status == Article.Status.DRAFT:
            assert article.published_at is None
        else:
            assert article.published_at >= now - timedelta(days=3660)
            assert article.published_at <= now + timedelta(days=31)


def test_legacy_ids_are_the_publication_time_and_unique(generated):
    _, articles, _ = generated
    legacy = [a for a in articles if a.legacy_id]
    assert legacy
    assert len({a.legacy_id for a in legacy}) == len(legacy)
    for article in legacy:
        local = article.published_at.astimezone(BANGKOK)
        assert article.legacy_id == local.strftime("%y%m%d%H%M%S")


def test_daily_reads_fall_between_publication_and_today(generated):
    _, articles, now = generated
    today = now.astimezone(BANGKOK).date()
    for row in DailyRead.objects.filter(article__in=articles).select_related("article"):
        assert row.article.published_at.astimezone(BANGKOK).date() <= row.day
        assert row.day <= today


def test_a_generated_article_is_served_by_the_site(generated, client):
    _, articles, now = generated
    article = next(a for a in articles if a.is_public)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert article.title in response.content.decode()
