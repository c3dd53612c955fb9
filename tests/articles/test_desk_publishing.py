"""Publishing from the desk: publish, schedule, unpublish, preview, and the
public pages following by themselves."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, ArticleEvent, ReadTotal
from tests.factories import make_article

pytestmark = pytest.mark.django_db
User = get_user_model()


def snapshot(article):
    row = Article.objects.get(pk=article.pk)
    return (row.title, row.body, row.status, row.published_at, row.version)


def test_publish_schedule_unpublish_with_history(phayao, demo):
    article = make_article(
        title="ข่าวที่จะเผยแพร่", status=Article.Status.DRAFT, published_at=None
    )
    home = reverse("articles:home")
    phayao.post(reverse("desk:publish", args=[article.pk]))
    article.refresh_from_db()
    assert article.is_public
    first_published = article.published_at

    phayao.post(reverse("desk:unpublish", args=[article.pk]))
    article.refresh_from_db()
    assert article.status == Article.Status.UNPUBLISHED
    assert article.body == "<p>เนื้อข่าวทดสอบ</p>"  # nothing lost
    phayao.logout()
    assert phayao.get(article.get_absolute_url()).status_code == 404
    assert "ข่าวที่จะเผยแพร่" not in phayao.get(home).content.decode()
    phayao.force_login(User.objects.get(username="demo-phayao"))

    phayao.post(reverse("desk:publish", args=[article.pk]))
    article.refresh_from_db()
    assert article.published_at == first_published  # a correction keeps its time

    actions = list(article.events.values_list("action", flat=True))
    assert actions == ["published", "unpublished", "published", "created"]
    assert set(article.events.values_list("user__username", flat=True)) >= {
        "demo-phayao"
    }


def test_scheduled_article_appears_by_itself_when_due(phayao, demo, client):
    article = make_article(
        title="ข่าวตั้งเวลา", status=Article.Status.DRAFT, published_at=None
    )
    due = timezone.localtime() + timedelta(hours=2)
    response = phayao.post(
        reverse("desk:schedule", args=[article.pk]),
        {"published_at": due.strftime("%Y-%m-%dT%H:%M")},
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert not article.is_public
    assert article.events.first().action == ArticleEvent.Action.SCHEDULED
    assert "เผยแพร่เมื่อ" in article.events.first().detail
    edit_page = phayao.get(reverse("desk:edit", args=[article.pk])).content.decode()
    # Shown again as typed: day/month/Buddhist-Era year.
    shown = f"{due.day}/{due.month}/{due.year + 543} {due:%H:%M}"
    assert f'value="{shown}"' in edit_page
    phayao.logout()
    assert phayao.get(article.get_absolute_url()).status_code == 404
    # Time passes: the same row is now due, and the public page shows it.
    Article.objects.filter(pk=article.pk).update(
        published_at=timezone.now() - timedelta(minutes=1)
    )
    assert phayao.get(article.get_absolute_url()).status_code == 200


def test_schedule_in_the_past_is_refused_next_to_the_field(phayao, phayao_article):
    before = snapshot(phayao_article)
    past = timezone.localtime() - timedelta(hours=1)
    far = "2999-01-01T10:00"
    for value in (past.strftime("%Y-%m-%dT%H:%M"), "พรุ่งนี้", "", far):
        response = phayao.post(
            reverse("desk:schedule", args=[phayao_article.pk]),
            {"published_at": value},
        )
        assert response.status_code == 400
        html = response.content.decode()
        assert (
            "เวลาเผยแพร่ต้องเป็นเวลาในอนาคต" in html
            or "รูปแบบวันเวลาไม่ถูกต้อง" in html
            or "กรุณาระบุวันและเวลา" in html
            or "ล่วงหน้าได้ไม่เกิน 1 ปี" in html
        )
        assert html.index('id="id_published_at-errors"') < html.index(
            'id="id_published_at"'
        )
    assert snapshot(phayao_article) == before


def test_publishing_an_empty_article_is_refused_in_thai(phayao, demo):
    article = make_article(
        title="ข่าวว่าง", body="", status=Article.Status.DRAFT, published_at=None
    )
    response = phayao.post(reverse("desk:publish", args=[article.pk]))
    assert response.status_code == 400
    assert "กรุณากรอกเนื้อข่าวก่อนเผยแพร่" in response.content.decode()
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_preview_of_a_draft_does_not_count_a_read(phayao, demo):
    article = make_article(
        title="ร่างสำหรับดูตัวอย่าง",
        body="<p>ตัวอย่าง</p>",
        status=Article.Status.DRAFT,
        published_at=None,
    )
    response = phayao.get(reverse("desk:preview", args=[article.pk]))
    assert response.status_code == 200
    assert "ตัวอย่าง" in response.content.decode()
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert ReadTotal.objects.get(article=article).total == 0
