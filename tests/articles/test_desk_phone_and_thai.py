"""The desk's forms in Thai: an error summary linking to the fields, photos
need alt text before publishing, unpublishing asks for confirmation."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Article
from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db
ALT = "คำอธิบายภาพสำหรับผู้พิการทางสายตา"


@pytest.fixture
def editor(agency):
    client = Client()
    client.force_login(make_user("thai-editor", agencies=[agency]))
    return client


def test_a_photo_without_alt_text_is_not_published(editor):
    article = make_article(
        status=Article.Status.DRAFT,
        published_at=None,
        body=(
            '<p>ข่าว</p><p><img src="/media/a.jpg" alt="ภาพแรก">'
            '<img src="/media/b.jpg"></p>'
        ),
    )
    response = editor.post(reverse("desk:publish", args=[article.pk]))
    assert response.status_code == 400
    html = response.content.decode()
    assert f"ภาพที่ 2 ยังไม่มี{ALT}" in html
    assert Article.objects.get(pk=article.pk).status == Article.Status.DRAFT


def test_errors_are_summarised_at_the_top_with_links_to_the_fields(editor):
    article = make_article(status=Article.Status.DRAFT, published_at=None)
    Article.objects.filter(pk=article.pk).update(body="")
    response = editor.post(reverse("desk:publish", args=[article.pk]))
    html = response.content.decode()
    summary = html.index("error-summary")
    assert summary < html.index('id="article-form"')
    assert re.search(r'<a href="#id_body">เนื้อข่าว: กรุณากรอกเนื้อข่าวก่อนเผยแพร่</a>', html)


def test_unpublish_asks_for_confirmation(editor):
    article = make_article()
    html = editor.get(reverse("desk:edit", args=[article.pk])).content.decode()
    assert re.search(r'value="unpublish"[^>]*data-confirm="ยืนยัน', html)
    assert "js/desk.js" in html


def test_a_new_article_has_its_byline_prefilled(agency):
    client = Client()
    client.force_login(make_user("byline-user", agencies=[agency], first_name="สมศรี"))
    html = client.get(reverse("desk:new")).content.decode()
    assert f'value="สมศรี {agency.byline_name}"' in html
