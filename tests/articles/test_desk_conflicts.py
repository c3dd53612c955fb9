"""Two editors on one article: the later save is refused, nothing is lost."""

import threading

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from articles.models import Article, ArticleEvent
from articles.services.articles import EditConflict, article_update
from tests.factories import desk_form_data, make_article, make_user

pytestmark = pytest.mark.django_db


def test_the_second_of_two_sessions_is_refused_and_the_first_text_stays(agency):
    article = make_article(body="<p>ต้นฉบับ</p>")
    first, second = Client(), Client()
    first.force_login(make_user("first-editor", agencies=[agency]))
    second.force_login(make_user("second-editor", agencies=[agency]))
    first_form, second_form = (
        desk_form_data(first, article),
        desk_form_data(second, article),
    )

    saved = first.post(
        reverse("desk:edit", args=[article.pk]),
        {**first_form, "body": "<p>แก้โดยคนแรก</p>"},
    )
    assert saved.status_code == 302

    refused = second.post(
        reverse("desk:edit", args=[article.pk]),
        {**second_form, "body": "<p>แก้โดยคนที่สอง</p>"},
    )
    assert refused.status_code == 409
    html = refused.content.decode()
    assert "ข่าวนี้ถูกแก้ไขโดยผู้อื่น" in html
    # The refused editor still has their own text in the form to copy from.
    assert "แก้โดยคนที่สอง" in html

    article.refresh_from_db()
    assert article.body == "<p>แก้โดยคนแรก</p>"
    editors = article.events.filter(action=ArticleEvent.Action.EDITED)
    assert list(editors.values_list("user__username", flat=True)) == ["first-editor"]

    # Reloading gives the new version, and then the second editor's save works.
    retry = second.post(
        reverse("desk:edit", args=[article.pk]),
        {**desk_form_data(second, article), "body": "<p>แก้โดยคนที่สอง</p>"},
    )
    assert retry.status_code == 302
    article.refresh_from_db()
    assert article.body == "<p>แก้โดยคนที่สอง</p>"


def test_a_missing_or_forged_version_is_refused(agency):
    article = make_article(body="<p>ต้นฉบับ</p>")
    client = Client()
    client.force_login(make_user(agencies=[agency]))
    data = desk_form_data(client, article)
    for version in ("", "abc", "0", str(article.version + 5)):
        response = client.post(
            reverse("desk:edit", args=[article.pk]),
            {**data, "body": "<p>ทับ</p>", "version": version},
        )
        assert response.status_code in (400, 409)
        html = response.content.decode()
        assert "ข้อมูลรุ่นของข่าวไม่ถูกต้อง" in html or "ถูกแก้ไขโดยผู้อื่น" in html
    article.refresh_from_db()
    assert article.body == "<p>ต้นฉบับ</p>"


def test_publishing_does_not_refuse_a_correction_in_progress(agency):
    article = make_article(status=Article.Status.DRAFT, published_at=None)
    editor = make_user(agencies=[agency])
    client = Client()
    client.force_login(editor)
    data = desk_form_data(client, article)
    client.post(reverse("desk:publish", args=[article.pk]))
    response = client.post(
        reverse("desk:edit", args=[article.pk]), {**data, "title": "หัวข้อใหม่"}
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "หัวข้อใหม่" and article.is_public


def test_service_update_is_conditional_on_the_version(agency):
    article = make_article(body="<p>หนึ่ง</p>")
    editor = make_user(agencies=[agency])
    loaded = article.version
    article_update(article=article, user=editor, version=loaded, body="<p>สอง</p>")
    stale = Article.objects.get(pk=article.pk)
    with pytest.raises(EditConflict):
        article_update(article=stale, user=editor, version=loaded, body="<p>สาม</p>")
    assert Article.objects.get(pk=article.pk).body == "<p>สอง</p>"
    assert Article.objects.get(pk=article.pk).version == loaded + 1


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL's concurrent writers"
)
# serialized_rollback: the Region 3 agencies come from a data migration, and a
# transactional test before this one may have flushed them.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_simultaneous_saves_of_one_version_let_exactly_one_through(agency):
    article = make_article(body="<p>ต้นฉบับ</p>")
    loaded = article.version
    editors = [make_user(f"racer{n}", agencies=[agency]) for n in range(6)]
    start = threading.Barrier(len(editors))
    outcomes, errors = [], []

    def save(editor):
        try:
            start.wait()
            article_update(
                article=Article.objects.get(pk=article.pk),
                user=editor,
                version=loaded,
                body=f"<p>{editor.username}</p>",
            )
            outcomes.append(editor.username)
        except EditConflict:
            outcomes.append(None)
        except Exception as exc:  # surfaced below: a thread cannot fail the test
            errors.append(repr(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save, args=(e,)) for e in editors]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    winners = [name for name in outcomes if name]
    assert len(winners) == 1 and outcomes.count(None) == len(editors) - 1
    article.refresh_from_db()
    assert article.body == f"<p>{winners[0]}</p>"
    assert article.version == loaded + 1
    assert article.events.filter(action=ArticleEvent.Action.EDITED).count() == 1
