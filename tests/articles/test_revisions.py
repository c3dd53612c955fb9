"""Every save keeps a revision; the desk lists them, compares any two word by
word as Thai is segmented, and restores one as a new revision."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Article, ArticleRevision
from articles.services.articles import (
    EditConflict,
    article_draft_create,
    article_update,
)
from articles.services.revisions import article_revision_restore
from tests.admin_forms import admin_form_data
from tests.factories import login_verified, make_article, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def writer(agency):
    return make_user("rev-writer", agencies=[agency], first_name="สมศรี")


@pytest.fixture
def story(writer, agency):
    article = article_draft_create(
        user=writer,
        title="ผู้ว่าราชการจังหวัดพะเยาเปิดงานลำไย",
        body="<p>ประชาชนร่วมงานจำนวนมาก</p>",
        agency=agency,
        byline="ทีมข่าว ปชส.พะเยา",
    )
    article_update(
        article=article,
        user=writer,
        version=1,
        body="<p>ประชาชนร่วมงานคึกคัก</p>",
    )
    return Article.objects.get(pk=article.pk)


def test_every_save_keeps_a_revision_with_who_and_when(story, writer):
    revisions = list(story.revisions.order_by("number"))
    assert [r.number for r in revisions] == [1, 2]
    assert revisions[0].body == "<p>ประชาชนร่วมงานจำนวนมาก</p>"
    assert revisions[1].body == "<p>ประชาชนร่วมงานคึกคัก</p>"
    assert {r.user for r in revisions} == {writer}
    assert revisions[1].byline == "ทีมข่าว ปชส.พะเยา"


def test_an_article_from_before_revisions_gets_its_old_text_kept(writer):
    article = make_article(body="<p>เก่า</p>")
    ArticleRevision.objects.filter(article=article).delete()  # as if imported
    article_update(article=article, user=writer, version=1, body="<p>ใหม่</p>")
    bodies = list(article.revisions.order_by("number").values_list("body", "user"))
    assert bodies == [("<p>เก่า</p>", None), ("<p>ใหม่</p>", writer.pk)]


def test_the_diff_marks_whole_thai_words(story, writer, client):
    client.force_login(writer)
    html = client.get(
        reverse("desk:revisions", args=[story.pk]), {"a": 1, "b": 2}
    ).content.decode()
    assert "<del>จำนวนมาก</del>" in html
    assert "<ins>คึกคัก</ins>" in html
    # The shared words are not cut apart or marked.
    assert "ประชาชนร่วมงาน<del>" in html


def test_restore_makes_a_new_revision_and_deletes_none(story, writer, client):
    client.force_login(writer)
    response = client.post(
        reverse("desk:revision-restore", args=[story.pk, 1]),
        {"version": story.version},
    )
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.body == "<p>ประชาชนร่วมงานจำนวนมาก</p>"
    numbers = list(story.revisions.order_by("number").values_list("number", "note"))
    assert numbers == [(1, ""), (2, ""), (3, "คืนเนื้อหาจากฉบับที่ 1")]
    assert story.events.first().detail == "คืนเนื้อหาจากฉบับที่ 1"


def test_a_stale_restore_is_refused(story, writer, client):
    client.force_login(writer)
    stale = story.version
    article_update(article=story, user=writer, version=stale, title="แก้อีกครั้ง")
    response = client.post(
        reverse("desk:revision-restore", args=[story.pk, 1]),
        {"version": stale},
        follow=True,
    )
    assert "ข่าวนี้ถูกแก้ไขโดยผู้อื่น" in response.content.decode()
    assert Article.objects.get(pk=story.pk).title == "แก้อีกครั้ง"
    with pytest.raises(EditConflict):
        article_revision_restore(
            article=story,
            revision=story.revisions.get(number=1),
            user=writer,
            version=stale,
        )


def test_another_agency_cannot_see_or_restore_revisions(story, other_agency):
    client = Client()
    client.force_login(make_user("rev-outsider", agencies=[other_agency]))
    assert client.get(reverse("desk:revisions", args=[story.pk])).status_code == 404
    response = client.post(
        reverse("desk:revision-restore", args=[story.pk, 1]), {"version": 2}
    )
    assert response.status_code == 404


def test_an_admin_save_is_a_revision_too(story):
    admin = Client()
    login_verified(admin, make_user("rev-admin", is_staff=True, is_superuser=True))
    url = reverse("admin:articles_article_change", args=[story.pk])
    data = admin_form_data(admin, url)
    admin.post(url, {**data, "title": "ผู้ดูแลแก้หัวข้อ"})
    newest = story.revisions.first()
    assert (newest.number, newest.title) == (3, "ผู้ดูแลแก้หัวข้อ")
    assert newest.user.username == "rev-admin"


def test_the_edit_page_links_to_the_revisions(story, writer, client):
    client.force_login(writer)
    html = client.get(reverse("desk:edit", args=[story.pk])).content.decode()
    assert re.search(rf'href="/desk/articles/{story.pk}/revisions/"', html)
