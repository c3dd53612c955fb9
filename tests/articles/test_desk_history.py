"""Who created, edited, published, scheduled and unpublished an article, and
when: on the desk's edit page and in the admin."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from articles.services.articles import (
    article_draft_create,
    article_publish,
    article_schedule,
    article_unpublish,
    article_update,
)
from articles.thai import format_thai_datetime
from tests.factories import login_verified, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(agency):
    writer = make_user("writer", agencies=[agency], first_name="สมศรี")
    chief = make_user("chief", agencies=[agency], first_name="สมชาย")
    article = article_draft_create(
        user=writer, title="ข่าวมีประวัติ", body="<p>ร่าง</p>", agency=agency
    )
    article_update(article=article, user=writer, version=1, body="<p>แก้</p>")
    when = timezone.now() + timedelta(days=1)
    article_schedule(article=article, user=chief, published_at=when)
    article_publish(article=article, user=chief)
    article_unpublish(article=article, user=chief)
    return article, when


def test_every_step_is_recorded_with_its_user(story):
    article, _ = story
    steps = list(
        article.events.order_by("at", "id").values_list("action", "user__username")
    )
    assert steps == [
        ("created", "writer"),
        ("edited", "writer"),
        ("scheduled", "chief"),
        ("published", "chief"),
        ("unpublished", "chief"),
    ]


def test_publishing_a_scheduled_article_publishes_it_now(story):
    article, when = story
    article.refresh_from_db()
    assert article.published_at < when
    assert article.status == Article.Status.UNPUBLISHED


def test_history_is_shown_on_the_desk(client, story):
    article, when = story
    client.force_login(article.events.last().user)
    html = client.get(reverse("desk:edit", args=[article.pk])).content.decode()
    history = html[html.index("ประวัติ") :]
    for label in ("สร้าง", "แก้ไข", "ตั้งเวลาเผยแพร่", "เผยแพร่", "ยกเลิกการเผยแพร่"):
        assert label in history
    assert "สมศรี" in history and "สมชาย" in history
    assert f"เผยแพร่เมื่อ {format_thai_datetime(when)}" in history


def test_history_is_shown_in_the_admin(client, story):
    article, _ = story
    login_verified(client, make_user("boss", is_staff=True, is_superuser=True))
    url = reverse("admin:articles_article_change", args=[article.pk])
    html = client.get(url).content.decode()
    assert "ตั้งเวลาเผยแพร่" in html and "ยกเลิกการเผยแพร่" in html
    assert "writer" in html and "chief" in html
