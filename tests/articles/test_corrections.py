"""Editing a published article: a small fix, or a correction of fact whose
note the public page shows with its Buddhist-Era date, newest first."""

import re
from datetime import datetime

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Article, ArticleEvent
from articles.thai import format_thai_date
from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(agency):
    client = Client()
    client.force_login(make_user("corr-editor", agencies=[agency]))
    return client


def post(client, article, **extra):
    url = reverse("desk:edit", args=[article.pk])
    html = client.get(url).content.decode()
    stored = Article.objects.get(pk=article.pk)
    data = {
        "title": stored.title,
        "body": stored.body,
        "agency": stored.agency_id,
        "version": re.search(r'name="version" value="(\d+)"', html)[1],
        **extra,
    }
    return client.post(url, data)


def test_the_edit_page_of_a_published_article_asks_fix_or_correction(editor):
    article = make_article()
    html = editor.get(reverse("desk:edit", args=[article.pk])).content.decode()
    assert 'value="fix"' in html and 'value="correction"' in html


def test_a_correction_needs_a_note(editor):
    article = make_article(body="<p>ผู้ร่วมงาน 100 คน</p>")
    response = post(
        editor,
        article,
        body="<p>ผู้ร่วมงาน 1,000 คน</p>",
        change_kind="correction",
        correction_note=" ",
    )
    assert response.status_code == 400
    assert "ต้องมีหมายเหตุ" in response.content.decode()
    assert Article.objects.get(pk=article.pk).body == "<p>ผู้ร่วมงาน 100 คน</p>"


def test_corrections_show_on_the_public_page_newest_first(editor, client):
    article = make_article(body="<p>ผู้ร่วมงาน 100 คน</p>")
    post(
        editor,
        article,
        body="<p>ผู้ร่วมงาน 1,000 คน</p>",
        change_kind="correction",
        correction_note="แก้จำนวนผู้ร่วมงาน",
    )
    post(
        editor,
        article,
        body="<p>ผู้ร่วมงาน 1,000 คน ณ ศาลากลาง</p>",
        change_kind="correction",
        correction_note="แก้สถานที่จัดงาน",
    )
    post(editor, article, body="<p>ผู้ร่วมงาน 1,000 คน ณ ศาลากลาง.</p>", change_kind="fix")
    article.refresh_from_db()
    html = client.get(article.get_absolute_url()).content.decode()
    newest = article.corrections.first()
    day = format_thai_date(newest.at)
    assert "แก้ไขเมื่อ" in html
    first = html.index("แก้สถานที่จัดงาน")
    assert first < html.index("แก้จำนวนผู้ร่วมงาน")
    assert re.search(rf"แก้ไขเมื่อ <time[^>]*>{day}</time> : แก้สถานที่จัดงาน", html)
    assert article.corrections.count() == 2
    assert article.events.filter(action=ArticleEvent.Action.CORRECTED).count() == 2
    modified = re.search(r'article:modified_time" content="([^"]+)"', html)[1]
    assert datetime.fromisoformat(modified) >= newest.at
