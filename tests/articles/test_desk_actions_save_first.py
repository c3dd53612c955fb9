"""The edit page's action buttons save what the editor typed before they act:
nothing typed is dropped, and a stale form is refused before any action."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, ArticleEvent
from tests.factories import desk_form_data, make_article, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(agency):
    client = Client()
    client.force_login(make_user("save-first", agencies=[agency]))
    return client


def edit(client, article, data):
    return client.post(reverse("desk:edit", args=[article.pk]), data)


def test_the_edit_page_buttons_all_submit_the_edit_form(editor):
    article = make_article()
    html = editor.get(reverse("desk:edit", args=[article.pk])).content.decode()
    for action in ("save", "publish", "schedule", "unpublish"):
        assert re.search(rf'<button[^>]*name="action" value="{action}"', html), action
    buttons = re.findall(r'<button[^>]*value="(?:publish|schedule|unpublish)"', html)
    assert all('form="article-form"' in button for button in buttons)
    assert 'id="article-form"' in html
    assert re.search(r'name="published_at"[^>]*form="article-form"', html)


def test_publish_stores_the_typed_title_and_body_first(editor):
    article = make_article(
        title="หัวข้อเดิม", status=Article.Status.DRAFT, published_at=None
    )
    data = desk_form_data(editor, article)
    response = edit(
        editor,
        article,
        {**data, "title": "หัวข้อใหม่", "body": "<p>เนื้อใหม่</p>", "action": "publish"},
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.title, article.body) == ("หัวข้อใหม่", "<p>เนื้อใหม่</p>")
    assert article.is_public
    actions = list(article.events.values_list("action", flat=True))
    assert actions[:2] == ["published", "edited"]
    public = Client().get(article.get_absolute_url()).content.decode()
    assert "หัวข้อใหม่" in public and "เนื้อใหม่" in public


def test_schedule_and_unpublish_store_the_typed_text_first(editor):
    article = make_article(title="เดิม")
    data = desk_form_data(editor, article)
    edit(editor, article, {**data, "title": "ก่อนยกเลิก", "action": "unpublish"})
    article.refresh_from_db()
    assert article.title == "ก่อนยกเลิก"
    assert article.status == Article.Status.UNPUBLISHED

    data = desk_form_data(editor, article)
    due = timezone.localtime() + timedelta(days=1)
    edit(
        editor,
        article,
        {
            **data,
            "title": "ก่อนตั้งเวลา",
            "action": "schedule",
            "published_at": due.strftime("%Y-%m-%dT%H:%M"),
        },
    )
    article.refresh_from_db()
    assert article.title == "ก่อนตั้งเวลา"
    assert article.status == Article.Status.PUBLISHED and not article.is_public


def test_a_stale_form_is_refused_and_nothing_is_published(editor, agency):
    article = make_article(
        title="ต้นฉบับ", status=Article.Status.DRAFT, published_at=None
    )
    stale = desk_form_data(editor, article)
    other = Client()
    other.force_login(make_user("other-desk", agencies=[agency]))
    edit(other, article, {**desk_form_data(other, article), "title": "ของอีกคน"})

    response = edit(editor, article, {**stale, "title": "ของฉัน", "action": "publish"})
    assert response.status_code == 409
    html = response.content.decode()
    assert "ข่าวนี้ถูกแก้ไขโดยผู้อื่น" in html
    assert 'value="ของฉัน"' in html  # the refused text is still in the form
    article.refresh_from_db()
    assert article.title == "ของอีกคน"
    assert article.status == Article.Status.DRAFT
    assert not article.events.filter(action=ArticleEvent.Action.PUBLISHED).exists()


def test_a_stale_untouched_form_does_not_publish_unseen_text(editor, agency):
    article = make_article(status=Article.Status.DRAFT, published_at=None)
    stale = desk_form_data(editor, article)
    other = Client()
    other.force_login(make_user("other-desk2", agencies=[agency]))
    edit(other, article, {**desk_form_data(other, article), "title": "ยังไม่มีใครเห็น"})
    stale["title"] = Article.objects.get(pk=article.pk).title  # same words by chance
    response = edit(editor, article, {**stale, "action": "publish"})
    assert response.status_code == 409
    assert Article.objects.get(pk=article.pk).status == Article.Status.DRAFT


def test_a_refused_publish_keeps_the_saved_text_and_says_why(editor):
    article = make_article(status=Article.Status.DRAFT, published_at=None)
    data = desk_form_data(editor, article)
    response = edit(
        editor, article, {**data, "title": "มีหัวข้อ", "body": "", "action": "publish"}
    )
    assert response.status_code == 400
    assert "กรุณากรอกเนื้อข่าวก่อนเผยแพร่" in response.content.decode()
    article.refresh_from_db()
    assert article.title == "มีหัวข้อ" and article.status == Article.Status.DRAFT


def test_a_refused_schedule_time_stores_nothing_and_keeps_the_text(editor):
    article = make_article(title="เดิม", status=Article.Status.DRAFT, published_at=None)
    data = desk_form_data(editor, article)
    past = timezone.localtime() - timedelta(hours=1)
    response = edit(
        editor,
        article,
        {
            **data,
            "title": "พิมพ์ไว้",
            "action": "schedule",
            "published_at": past.strftime("%Y-%m-%dT%H:%M"),
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "เวลาเผยแพร่ต้องเป็นเวลาในอนาคต" in html and 'value="พิมพ์ไว้"' in html
    assert Article.objects.get(pk=article.pk).title == "เดิม"


def test_an_untouched_publish_writes_no_edit_event(editor):
    article = make_article(status=Article.Status.DRAFT, published_at=None)
    edit(editor, article, {**desk_form_data(editor, article), "action": "publish"})
    article.refresh_from_db()
    assert article.is_public
    assert not article.events.filter(action=ArticleEvent.Action.EDITED).exists()
