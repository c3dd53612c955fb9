"""Submit, approve, return: one service per transition, each in the history and
mailed to those concerned; the approving editor is the public บรรณาธิการ."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from articles.models import Article, ArticleEvent
from articles.services.articles import article_draft_create
from articles.services.workflow import article_approve, article_return, article_submit
from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(agency, other_agency):
    reporter = make_user(
        "wf-reporter",
        agencies=[agency],
        role="reporter",
        email="reporter@example.org",
        first_name="สมศรี",
        last_name="ข่าวดี",
    )
    chief = make_user(
        "wf-chief",
        agencies=[agency],
        email="chief@example.org",
        first_name="สมชาย",
        last_name="ตรวจดี",
    )
    second = make_user("wf-chief2", agencies=[agency], email="chief2@example.org")
    make_user("wf-other", agencies=[other_agency], email="other@example.org")
    make_user("wf-colleague", agencies=[agency], role="reporter", email="c@example.org")
    return reporter, chief, second


@pytest.fixture
def draft(people, agency):
    reporter = people[0]
    return article_draft_create(
        user=reporter, title="ข่าวรอตรวจ", body="<p>เนื้อข่าว</p>", agency=agency
    )


def test_submit_mails_the_agencys_editors_and_is_recorded(
    people, draft, django_capture_on_commit_callbacks
):
    reporter = people[0]
    with django_capture_on_commit_callbacks(execute=True):
        article = article_submit(article=draft, user=reporter)
    assert article.status == Article.Status.SUBMITTED
    assert article.reporter == reporter
    assert article.events.first().action == ArticleEvent.Action.SUBMITTED
    assert len(mail.outbox) == 1
    assert sorted(mail.outbox[0].to) == ["chief2@example.org", "chief@example.org"]
    assert "ข่าวรอตรวจ" in mail.outbox[0].subject
    assert f"/desk/articles/{article.pk}/edit/" in mail.outbox[0].body


def test_return_needs_a_note_and_mails_the_reporter(
    people, draft, django_capture_on_commit_callbacks
):
    reporter, chief, _ = people
    article_submit(article=draft, user=reporter)
    with pytest.raises(ValidationError):
        article_return(article=draft, user=chief, note="  ")
    with django_capture_on_commit_callbacks(execute=True):
        article = article_return(article=draft, user=chief, note="ขอชื่อผู้ว่าฯ เต็ม")
    assert article.status == Article.Status.RETURNED
    assert article.review_note == "ขอชื่อผู้ว่าฯ เต็ม"
    event = article.events.first()
    assert (event.action, event.detail) == ("returned", "ขอชื่อผู้ว่าฯ เต็ม")
    assert [m.to for m in mail.outbox] == [["reporter@example.org"]]
    assert "ขอชื่อผู้ว่าฯ เต็ม" in mail.outbox[0].body


def test_approve_publishes_sets_the_editor_and_mails_the_reporter(
    people, draft, client, django_capture_on_commit_callbacks
):
    reporter, chief, _ = people
    article_submit(article=draft, user=reporter)
    with django_capture_on_commit_callbacks(execute=True):
        article = article_approve(article=draft, user=chief)
    assert article.is_public and article.editor == chief
    actions = list(article.events.values_list("action", flat=True))
    assert actions[:3] == ["approved", "published", "submitted"]
    assert [m.to for m in mail.outbox] == [["reporter@example.org"]]
    html = client.get(article.get_absolute_url()).content.decode()
    assert "บรรณาธิการ : สมชาย ตรวจดี" in html


def test_a_typed_editor_name_wins_over_the_approver(people, agency, client):
    reporter, chief, _ = people
    article = article_draft_create(
        user=reporter,
        title="ข่าวมีบรรณาธิการพิมพ์เอง",
        body="<p>x</p>",
        agency=agency,
        editor_name="ปชส.พะเยา",
    )
    article_submit(article=article, user=reporter)
    article = article_approve(article=article, user=chief)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "บรรณาธิการ : ปชส.พะเยา" in html


def test_only_submitted_articles_are_approved_or_returned(people, draft):
    _, chief, _ = people
    with pytest.raises(ValidationError):
        article_approve(article=draft, user=chief)
    with pytest.raises(ValidationError):
        article_return(article=draft, user=chief, note="x")


def test_a_reporter_or_another_agencys_editor_cannot_approve(people, draft):
    reporter = people[0]
    article_submit(article=draft, user=reporter)
    other = type(reporter).objects.get(username="wf-other")
    colleague = type(reporter).objects.get(username="wf-colleague")
    for user in (reporter, other, colleague):
        with pytest.raises(PermissionDenied):
            article_approve(article=draft, user=user)
        with pytest.raises(PermissionDenied):
            article_return(article=draft, user=user, note="x")
    with pytest.raises(PermissionDenied):
        article_submit(article=draft, user=colleague)  # not theirs
    assert Article.objects.get(pk=draft.pk).status == Article.Status.SUBMITTED


def test_the_desk_shows_each_editor_what_waits_for_them(people, draft):
    reporter, chief, _ = people
    article_submit(article=draft, user=reporter)
    client = Client()
    client.force_login(chief)
    html = client.get(reverse("desk:index")).content.decode()
    assert "รอคุณตรวจ (1)" in html and "ข่าวรอตรวจ" in html
    other = Client()
    other.force_login(type(chief).objects.get(username="wf-other"))
    assert "รอคุณตรวจ" not in other.get(reverse("desk:index")).content.decode()


def test_submit_return_approve_through_the_desk(
    people, draft, agency, django_capture_on_commit_callbacks
):
    reporter, chief, _ = people
    writer, editor = Client(), Client()
    writer.force_login(reporter)
    editor.force_login(chief)
    edit = reverse("desk:edit", args=[draft.pk])

    def form(**extra):
        article = Article.objects.get(pk=draft.pk)
        return {
            "title": article.title,
            "lead": "",
            "body": article.body,
            "agency": agency.pk,
            "byline": "",
            "editor_name": "",
            "version": article.version,
            **extra,
        }

    with django_capture_on_commit_callbacks(execute=True):
        assert writer.post(edit, form(action="submit")).status_code == 302
    assert Article.objects.get(pk=draft.pk).status == "submitted"
    response = editor.post(edit, form(action="return", review_note="เพิ่มภาพ"))
    assert response.status_code == 302
    page = writer.get(edit).content.decode()
    assert "เพิ่มภาพ" in page and 'value="submit"' in page
    writer.post(edit, form(action="submit", body="<p>แก้แล้ว</p>"))
    with django_capture_on_commit_callbacks(execute=True):
        editor.post(edit, form(action="publish"))
    article = Article.objects.get(pk=draft.pk)
    assert article.is_public and article.editor == chief
    assert article.body == "<p>แก้แล้ว</p>"
    assert [m.to for m in mail.outbox][-1] == ["reporter@example.org"]
    assert list(article.events.values_list("action", flat=True)) == [
        "approved",
        "published",
        "submitted",
        "edited",
        "returned",
        "submitted",
        "created",
    ]
