"""The desk: login required, scoped to the editor's agencies, every action."""

import json
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from articles.models import Agency, Article, ArticleEvent, ReadTotal
from articles.services.demo import demo_seed
from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db
User = get_user_model()

PASSWORD = "desk-test-password-9"


@pytest.fixture
def demo():
    """The seed_demo accounts and articles, with a known password."""
    demo_seed(editor_password=PASSWORD)


@pytest.fixture
def phayao(client, demo):
    client.force_login(User.objects.get(username="demo-phayao"))
    return client


@pytest.fixture
def lampang_article(demo):
    return Article.objects.filter(agency__slug="pr-lampang").first()


@pytest.fixture
def phayao_article(demo):
    return Article.objects.filter(agency__slug="pr-phayao").first()


class _TextareaConfig(HTMLParser):
    def __init__(self, textarea_id):
        super().__init__()
        self.textarea_id, self.config = textarea_id, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "textarea" and attrs.get("id") == self.textarea_id:
            self.config = json.loads(attrs["data-config"])


def editor_config(html, textarea_id):
    """The CKEditor configuration the page gives the textarea."""
    parser = _TextareaConfig(textarea_id)
    parser.feed(html)
    return parser.config


def snapshot(article):
    row = Article.objects.get(pk=article.pk)
    return (
        row.title,
        row.lead,
        row.body,
        row.status,
        row.published_at,
        row.version,
        row.events.count(),
        row.photos.count(),
    )


def test_desk_needs_login(client):
    response = client.get(reverse("desk:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_desk_lists_only_own_agencys_articles_newest_first(phayao, demo):
    older = make_article(
        title="ข่าวพะเยาเก่า", published_at=timezone.now() - timedelta(days=400)
    )
    draft = make_article(
        title="ร่างข่าวพะเยาใหม่", status=Article.Status.DRAFT, published_at=None
    )
    html = phayao.get(reverse("desk:index")).content.decode()
    assert "ร่างข่าวพะเยาใหม่" in html and older.title in html
    assert html.index(draft.title) < html.index(older.title)
    for title in Article.objects.filter(agency__slug="pr-lampang").values_list(
        "title", flat=True
    ):
        assert title not in html
    assert "ฉบับร่าง" in html
    assert "2561" in html or "256" in html  # Buddhist-Era years on the list


def test_desk_filters_by_status(phayao, demo):
    make_article(title="ร่างสำหรับกรอง", status=Article.Status.DRAFT, published_at=None)
    make_article(
        title="ข่าวตั้งเวลาสำหรับกรอง",
        published_at=timezone.now() + timedelta(days=2),
    )
    drafts = phayao.get(reverse("desk:index"), {"status": "draft"}).content.decode()
    assert "ร่างสำหรับกรอง" in drafts
    assert "ข่าวตั้งเวลาสำหรับกรอง" not in drafts
    scheduled = phayao.get(reverse("desk:index"), {"status": "scheduled"})
    assert "ข่าวตั้งเวลาสำหรับกรอง" in scheduled.content.decode()
    assert "ร่างสำหรับกรอง" not in scheduled.content.decode()
    bad = phayao.get(reverse("desk:index"), {"status": "<script>"})
    assert bad.status_code == 200


def test_editor_creates_a_draft_with_history(phayao, demo):
    agency = Agency.objects.get(slug="pr-phayao")
    response = phayao.post(
        reverse("desk:new"),
        {
            "title": "  ผู้ว่าราชการจังหวัดพะเยา  ตรวจเยี่ยม ",
            "lead": "<p>ความนำ</p>",
            "body": "<p><strong>เนื้อข่าว</strong></p>",
            "agency": agency.pk,
            "byline": "ทีมข่าว ปชส.พะเยา",
            "editor_name": "ปชส.พะเยา",
        },
    )
    article = Article.objects.get(title="ผู้ว่าราชการจังหวัดพะเยา ตรวจเยี่ยม")
    assert response.status_code == 302
    assert response["Location"] == reverse("desk:edit", args=[article.pk])
    assert article.status == Article.Status.DRAFT
    assert article.body == "<p><strong>เนื้อข่าว</strong></p>"
    assert article.author.byline == "ทีมข่าว ปชส.พะเยา"
    assert ReadTotal.objects.get(article=article).total == 0
    event = article.events.get()
    assert (event.action, event.user.username) == ("created", "demo-phayao")


def test_new_article_errors_are_thai_and_next_to_fields(phayao, demo):
    lampang = Agency.objects.get(slug="pr-lampang")
    response = phayao.post(
        reverse("desk:new"), {"title": "   ", "body": "x", "agency": lampang.pk}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "กรุณากรอกหัวข้อข่าว" in html
    assert "คุณไม่ได้เป็นบรรณาธิการของหน่วยงานที่เลือก" in html
    assert html.index('id="id_title-errors"') < html.index('id="id_title"')
    assert not Article.objects.filter(agency=lampang, body="<p>x</p>").exists()


def test_editor_without_agency_cannot_write(client, demo):
    client.force_login(make_user("lonely"))
    response = client.get(reverse("desk:new"), follow=True)
    assert "ยังไม่ได้เป็นบรรณาธิการของหน่วยงานใด" in response.content.decode()
    assert "ยังไม่มี" in client.get(reverse("desk:index")).content.decode()


def test_edit_page_shows_form_history_and_upload_address(phayao, phayao_article):
    response = phayao.get(reverse("desk:edit", args=[phayao_article.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert phayao_article.title in html
    assert "ประวัติ" in html and "สร้าง" in html
    assert "ckeditor/ckeditor/ckeditor.js" in html
    config = editor_config(html, "id_body")
    upload = reverse("desk:photo-upload", args=[phayao_article.pk])
    assert config["filebrowserUploadUrl"] == config["uploadUrl"] == upload
    assert "exportpdf" in config["removePlugins"].split(",")
    assert config["language"] == "th"
    assert config["fileTools_requestHeaders"]["X-CSRFToken"]
    assert "Image" in str(config["toolbar_News"])


def test_editor_edits_own_article(phayao, phayao_article):
    agency = phayao_article.agency
    response = phayao.post(
        reverse("desk:edit", args=[phayao_article.pk]),
        {
            "title": "หัวข้อแก้ไขแล้ว",
            "lead": "",
            "body": "<p>แก้ไขแล้ว</p>",
            "agency": agency.pk,
            "byline": "",
            "editor_name": "",
            "version": phayao_article.version,
        },
    )
    assert response.status_code == 302
    article = Article.objects.get(pk=phayao_article.pk)
    assert (article.title, article.body) == ("หัวข้อแก้ไขแล้ว", "<p>แก้ไขแล้ว</p>")
    assert article.version == phayao_article.version + 1
    assert article.events.first().action == ArticleEvent.Action.EDITED


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
    assert f'value="{due:%Y-%m-%dT%H:%M}"' in edit_page
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


def test_anonymous_cannot_use_any_desk_action(client, phayao_article):
    before = snapshot(phayao_article)
    for name in ("edit", "preview"):
        response = client.get(reverse(f"desk:{name}", args=[phayao_article.pk]))
        assert response.status_code == 302
    for name in ("publish", "unpublish", "schedule", "photo-upload", "edit"):
        response = client.post(reverse(f"desk:{name}", args=[phayao_article.pk]))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    assert snapshot(phayao_article) == before


def test_actions_need_post(phayao, phayao_article):
    for name in ("publish", "unpublish", "schedule", "photo-upload"):
        response = phayao.get(reverse(f"desk:{name}", args=[phayao_article.pk]))
        assert response.status_code == 405


def test_unknown_article_is_404(phayao):
    assert phayao.get(reverse("desk:edit", args=[999999])).status_code == 404


def test_superuser_sees_every_agency(client, demo):
    client.force_login(User.objects.get(username="demo-admin"))
    html = client.get(reverse("desk:index")).content.decode()
    assert "ส.ปชส.ลำปาง" in html and "ส.ปชส.พะเยา" in html


def test_null_characters_get_a_thai_error_in_text_and_vanish_from_rich_text(
    phayao, demo
):
    agency = Agency.objects.get(slug="pr-phayao")
    response = phayao.post(
        reverse("desk:new"),
        {"title": "หัว\x00ข้อ", "body": "<p>เนื้อ\x00ข่าว</p>", "agency": agency.pk},
    )
    assert response.status_code == 400
    assert "มีอักขระที่ใช้ไม่ได้" in response.content.decode()
    response = phayao.post(
        reverse("desk:new"),
        {"title": "หัวข้อ null", "body": "<p>เนื้อ\x00ข่าว</p>", "agency": agency.pk},
    )
    assert Article.objects.get(title="หัวข้อ null").body == "<p>เนื้อข่าว</p>"
