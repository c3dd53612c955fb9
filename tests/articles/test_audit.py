"""The audit view, /desk/audit/: the history filtered by agency, user, action
and period, paginated, and as CSV."""

import csv
import io
from datetime import datetime

import pytest
from django.urls import reverse

from articles.models import ArticleEvent
from articles.services.articles import (
    article_draft_create,
    article_publish,
    article_unpublish,
)
from articles.thai import BANGKOK
from tests.factories import login_verified, make_user

pytestmark = pytest.mark.django_db
NOVEMBER = {"start": "1/11/2569", "end": "30/11/2569"}


@pytest.fixture
def history(agency, other_agency):
    """Work in two agencies; the published events moved into November 2026."""
    phayao = make_user("somsri", agencies=[agency], first_name="สมศรี")
    lampang = make_user("somchai", agencies=[other_agency], first_name="สมชาย")
    mine = article_draft_create(
        user=phayao, title="ข่าวพะเยา", body="<p>ก</p>", agency=agency
    )
    article_publish(article=mine, user=phayao)
    article_unpublish(article=mine, user=phayao)
    theirs = article_draft_create(
        user=lampang, title="=ข่าวลำปาง", body="<p>ข</p>", agency=other_agency
    )
    article_publish(article=theirs, user=lampang)
    november = datetime(2026, 11, 30, 23, 30, tzinfo=BANGKOK)
    ArticleEvent.objects.filter(action="published").update(at=november)
    return {"phayao": phayao, "lampang": lampang, "mine": mine, "theirs": theirs}


def admin(client):
    login_verified(client, make_user("boss", is_superuser=True, is_staff=True))
    return client


def shown(response):
    return [(e.article.title, e.action) for e in response.context["page_obj"]]


def read_csv(response):
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))


def test_admin_sees_every_agencys_history(client, history):
    response = admin(client).get(reverse("desk:audit"))
    assert response.status_code == 200
    assert len(shown(response)) == ArticleEvent.objects.count() == 5


def test_filters_by_agency_user_action_and_period(client, history, other_agency):
    client = admin(client)
    url = reverse("desk:audit")
    response = client.get(url, {"agency": other_agency.slug})
    assert {t for t, _ in shown(response)} == {"=ข่าวลำปาง"}
    response = client.get(url, {"user": "somsri", "action": "unpublished"})
    assert shown(response) == [("ข่าวพะเยา", "unpublished")]
    response = client.get(url, NOVEMBER)
    assert sorted(shown(response)) == [
        ("=ข่าวลำปาง", "published"),
        ("ข่าวพะเยา", "published"),
    ]
    response = client.get(url, {"start": "1/12/2569", "action": "published"})
    assert shown(response) == []


def test_every_action_is_offered(client, history):
    response = admin(client).get(reverse("desk:audit"))
    html = response.content.decode()
    for value, label in ArticleEvent.Action.choices:
        assert f'<option value="{value}">{label}</option>' in html


def test_editor_sees_only_their_agencys_history(client, history, other_agency):
    client.force_login(history["phayao"])
    response = client.get(reverse("desk:audit"))
    assert {t for t, _ in shown(response)} == {"ข่าวพะเยา"}
    response = client.get(reverse("desk:audit"), {"agency": other_agency.slug})
    assert response.context["page_obj"] is None
    assert "ไม่มีตัวเลือกนี้" in response.content.decode()
    response = client.get(reverse("desk:audit-csv"), {"user": "somchai"})
    assert response.status_code == 400
    rows = read_csv(client.get(reverse("desk:audit-csv")))
    assert {row[4] for row in rows[1:]} == {"ข่าวพะเยา"}


def test_history_is_paginated(client, agency):
    writer = make_user(agencies=[agency])
    article = article_draft_create(
        user=writer, title="ข่าวยาว", body="<p>ก</p>", agency=agency
    )
    ArticleEvent.objects.bulk_create(
        ArticleEvent(article=article, user=writer, action="edited") for _ in range(60)
    )
    client = admin(client)
    first = client.get(reverse("desk:audit"))
    assert len(first.context["page_obj"]) == 50
    second = client.get(reverse("desk:audit"), {"page": 2})
    assert len(second.context["page_obj"]) == 11


def test_csv_has_thai_and_no_formulas(client, history):
    response = admin(client).get(reverse("desk:audit-csv"), NOVEMBER)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    rows = read_csv(response)
    assert rows[0][:3] == ["เวลา", "การกระทำ", "ผู้ใช้"]
    assert sorted(row[4] for row in rows[1:]) == ["'=ข่าวลำปาง", "ข่าวพะเยา"]
    assert {row[1] for row in rows[1:]} == {"เผยแพร่"}
    assert {row[0] for row in rows[1:]} == {"30 พฤศจิกายน 2569 / 23:30:00"}


def test_bad_period_gets_a_thai_error(client, history):
    response = admin(client).get(reverse("desk:audit"), {"start": "32/11/2569"})
    assert "วันที่ไม่ถูกต้อง" in response.content.decode()


def test_login_is_required(client):
    assert client.get(reverse("desk:audit")).status_code == 302
