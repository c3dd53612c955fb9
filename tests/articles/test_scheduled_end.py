"""A scheduled end: after `unpublish_at` an article is no longer public, on
every list, feed and sitemap, with no job to run. Times are typed in the
Buddhist Era."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, ArticleEvent
from tests.articles.redis_db import needs_redis
from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db


def be(value):
    local = timezone.localtime(value)
    return f"{local.day}/{local.month}/{local.year + 543} {local:%H:%M}"


def test_an_article_past_its_end_leaves_every_public_list(client):
    article = make_article(title="ประกาศรับสมัครงานราชการ")
    Article.objects.filter(pk=article.pk).update(
        unpublish_at=timezone.now() - timedelta(minutes=1)
    )
    assert client.get(article.get_absolute_url()).status_code == 404
    for url in (
        "/",
        "/feeds/latest.xml",
        "/sitemap.xml",
        f"/agency/{article.agency.slug}/",
    ):
        assert "ประกาศรับสมัครงานราชการ" not in client.get(url).content.decode()
        assert f"/news/{article.pk}/" not in client.get(url).content.decode()


def test_an_article_before_its_end_is_public(client):
    article = make_article(unpublish_at=timezone.now() + timedelta(days=3))
    assert client.get(article.get_absolute_url()).status_code == 200
    assert article.is_public


def edit_data(client, article, **extra):
    import re

    html = client.get(reverse("desk:edit", args=[article.pk])).content.decode()
    return {
        "title": article.title,
        "body": article.body,
        "agency": article.agency_id,
        "version": re.search(r'name="version" value="(\d+)"', html)[1],
        **extra,
    }


def test_an_editor_sets_the_end_in_the_buddhist_era(agency):
    article = make_article()
    client = Client()
    client.force_login(make_user("end-editor", agencies=[agency]))
    end = timezone.localtime() + timedelta(days=2)
    response = client.post(
        reverse("desk:edit", args=[article.pk]),
        edit_data(client, article, unpublish_at=be(end)),
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.unpublish_at == end.replace(second=0, microsecond=0)
    event = article.events.first()
    assert event.action == ArticleEvent.Action.END_SET
    assert "สิ้นสุดเมื่อ" in event.detail


def test_a_christian_era_year_is_refused_with_a_message_that_says_so(agency):
    article = make_article()
    client = Client()
    client.force_login(make_user("end-editor2", agencies=[agency]))
    end = timezone.localtime() + timedelta(days=2)
    typed = f"{end.day}/{end.month}/{end.year} 10:00"
    response = client.post(
        reverse("desk:edit", args=[article.pk]),
        edit_data(client, article, unpublish_at=typed, title="ไม่ควรบันทึก"),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert f"ปี {end.year} ดูเหมือนเป็นปี ค.ศ." in html
    assert Article.objects.get(pk=article.pk).title != "ไม่ควรบันทึก"


def test_schedule_accepts_a_buddhist_era_time(agency):
    article = make_article(status=Article.Status.DRAFT, published_at=None)
    client = Client()
    client.force_login(make_user("end-editor3", agencies=[agency]))
    due = timezone.localtime() + timedelta(hours=5)
    response = client.post(
        reverse("desk:edit", args=[article.pk]),
        edit_data(client, article, action="schedule", published_at=be(due)),
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.published_at == due.replace(second=0, microsecond=0)


@needs_redis
def test_a_cached_article_page_lasts_no_longer_than_the_article(client, redis_site):
    # Cached pages are answered without Django: the entry itself must expire
    # when the article's public life ends.
    ending = make_article(unpublish_at=timezone.now() + timedelta(seconds=90))
    lasting = make_article()
    for article in (ending, lasting):
        assert client.get(article.get_absolute_url()).status_code == 200
    redis = redis_site.client()
    ttls = {
        name: redis.ttl(next(iter(redis.scan_iter(f"newsroom:page:*:article:{pk}"))))
        for name, pk in (("ending", ending.pk), ("lasting", lasting.pk))
    }
    assert 0 < ttls["ending"] <= 90
    assert ttls["lasting"] > 90
