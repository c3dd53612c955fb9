"""The admin's article form goes through the desk's services: sanitised,
version-checked, in the history; a stale save from either side is refused."""

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Article, ArticleEvent
from tests.admin_forms import admin_form_data
from tests.factories import desk_form_data, login_verified, make_article, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_(db):
    client = Client()
    login_verified(client, make_user("site-admin", is_staff=True, is_superuser=True))
    return client


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def test_an_admin_save_is_sanitised_versioned_and_in_the_history(admin_client_):
    article = make_article(body="<p>เดิม</p>")
    data = admin_form_data(admin_client_, change_url(article))
    data["body"] = "<p>แก้โดยผู้ดูแล</p><script>alert(1)</script>"
    response = admin_client_.post(change_url(article), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    article.refresh_from_db()
    assert article.body == "<p>แก้โดยผู้ดูแล</p>"
    assert article.version == 2
    event = article.events.first()
    assert (event.action, event.user.username) == ("edited", "site-admin")
    assert event.detail == "ผ่านหน้าผู้ดูแลระบบ"


def test_the_admin_save_shows_in_the_desk_history(admin_client_, agency):
    article = make_article()
    data = admin_form_data(admin_client_, change_url(article))
    admin_client_.post(change_url(article), {**data, "title": "แก้ชื่อโดยผู้ดูแล"})
    desk = Client()
    desk.force_login(make_user("desk-reader", agencies=[agency]))
    html = desk.get(reverse("desk:edit", args=[article.pk])).content.decode()
    assert "ผ่านหน้าผู้ดูแลระบบ" in html and "site-admin" in html


def test_a_stale_desk_save_cannot_overwrite_the_admins_correction(
    admin_client_, agency
):
    article = make_article(title="หัวข้อเดิม")
    desk = Client()
    desk.force_login(make_user("desk-editor", agencies=[agency]))
    stale = desk_form_data(desk, article)
    data = admin_form_data(admin_client_, change_url(article))
    admin_client_.post(change_url(article), {**data, "title": "ผู้ดูแลแก้แล้ว"})

    response = desk.post(
        reverse("desk:edit", args=[article.pk]), {**stale, "title": "โต๊ะข่าวทับ"}
    )
    assert response.status_code == 409
    assert Article.objects.get(pk=article.pk).title == "ผู้ดูแลแก้แล้ว"


def test_a_stale_admin_save_is_refused_next_to_the_form(admin_client_, agency):
    article = make_article(title="หัวข้อเดิม")
    stale = admin_form_data(admin_client_, change_url(article))
    desk = Client()
    desk.force_login(make_user("desk-editor2", agencies=[agency]))
    desk.post(
        reverse("desk:edit", args=[article.pk]),
        {**desk_form_data(desk, article), "title": "โต๊ะข่าวแก้ก่อน"},
    )
    response = admin_client_.post(change_url(article), {**stale, "title": "ผู้ดูแลทับ"})
    assert response.status_code == 200
    assert "ข่าวนี้ถูกแก้ไขโดยผู้อื่น" in response.content.decode()
    assert Article.objects.get(pk=article.pk).title == "โต๊ะข่าวแก้ก่อน"


def test_a_status_change_in_the_admin_is_recorded(admin_client_):
    article = make_article()
    data = admin_form_data(admin_client_, change_url(article))
    admin_client_.post(change_url(article), {**data, "status": "unpublished"})
    article.refresh_from_db()
    assert article.status == Article.Status.UNPUBLISHED
    assert article.events.first().action == ArticleEvent.Action.UNPUBLISHED
    assert Client().get(article.get_absolute_url()).status_code == 404


def test_an_article_added_in_the_admin_has_its_history(admin_client_, agency):
    url = reverse("admin:articles_article_add")
    data = admin_form_data(admin_client_, url)
    data.update(
        title="เพิ่มโดยผู้ดูแล",
        body="<p>เนื้อ</p><script>x</script>",
        agency=str(agency.pk),
        status="draft",
    )
    response = admin_client_.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    article = Article.objects.get(title="เพิ่มโดยผู้ดูแล")
    assert article.body == "<p>เนื้อ</p>"
    assert article.events.get().action == ArticleEvent.Action.CREATED
    assert article.read_count == 0
