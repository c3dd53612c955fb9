"""An article page's own parts, rendered once per change and kept in the
database (articles/article_parts/): served while current, drawn again after
any change that shows on the page, and never stale after one."""

import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import OperationalError, connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article, ArticleRender
from articles.pagecache.invalidation import pages_invalidate
from articles.services.articles import (
    article_create,
    article_publish,
    article_unpublish,
    article_update,
)
from articles.services.documents import document_create
from articles.services.related import related_store_all
from tests.articles.test_documents import pdf_bytes
from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db
BROWSER = "Mozilla/5.0 (Linux; Android 14) Chrome/126 Mobile"


def _get(client, article, **headers):
    response = client.get(
        article.get_absolute_url(), HTTP_USER_AGENT=BROWSER, **headers
    )
    assert response.status_code == 200
    return response.content.decode()


def _rendered(client, article, **headers):
    """(page, whether its parts were drawn again for this request)."""
    with CaptureQueriesContext(connection) as queries:
        page = _get(client, article, **headers)
    sql = " ".join(q["sql"] for q in queries)
    return page, "articles_photo" in sql


def _without_the_read_count(page):
    return re.sub(r'<span class="read-count">[0-9,]+</span>', "", page)


def test_the_second_view_is_served_from_the_stored_parts(client, agency):
    article = make_article(title="งานยี่เป็งเชียงใหม่", lead="<p>ลอยกระทง</p>")
    first, drawn = _rendered(client, article)
    assert drawn
    assert ArticleRender.objects.filter(article=article).exists()
    again, drawn = _rendered(client, article)
    assert not drawn
    # The same page but its read count (and that one is filled per request).
    assert _without_the_read_count(again) == _without_the_read_count(first)
    assert "งานยี่เป็งเชียงใหม่" in again and "ลอยกระทง" in again


def test_the_page_puts_the_requests_origin_in_every_absolute_address(
    client, agency, settings
):
    settings.ALLOWED_HOSTS = ["testserver", "news.example"]
    article = make_article(title="ข่าวที่อยู่เต็ม")
    _get(client, article)
    page, drawn = _rendered(client, article, HTTP_HOST="news.example")
    assert not drawn  # the parts do not depend on the Host
    url = f"http://news.example/news/{article.pk}/"
    assert f'<link rel="canonical" href="{url}">' in page
    assert f'"@id": "{url}"' in page  # JSON-LD
    assert f"share?url=http%3A%2F%2Fnews.example%2Fnews%2F{article.pk}%2F" in page
    assert "testserver" not in page
    mark = ArticleRender.objects.get(article=article).mark
    assert mark not in page


def test_an_edit_shows_on_the_next_view(client, agency):
    editor = make_user(agencies=[agency])
    article = make_article(title="หัวข้อเดิม")
    _get(client, article)
    article_update(
        article=article, user=editor, version=article.version, title="หัวข้อใหม่"
    )
    page, drawn = _rendered(client, article)
    assert drawn and "หัวข้อใหม่" in page and "หัวข้อเดิม" not in page


def test_a_save_outside_the_services_shows_too(client, agency):
    article = make_article(title="ก่อนแก้ในหน้าผู้ดูแล")
    _get(client, article)
    article.title = "หลังแก้ในหน้าผู้ดูแล"
    article.save()  # the admin, the shell: updated_at moves on
    assert "หลังแก้ในหน้าผู้ดูแล" in _get(client, article)


def test_an_agency_renamed_shows_on_every_article(client, agency):
    article = make_article(title="ข่าวของสำนักงาน")
    _get(client, article)
    agency.short_name = "ส.ปชส.ชื่อใหม่"
    agency.save()  # the admin's save: the safety net moves the epoch
    page, drawn = _rendered(client, article)
    assert drawn and "ส.ปชส.ชื่อใหม่" in page


def test_a_document_attached_to_a_public_article_shows(client, agency):
    editor = make_user(agencies=[agency])
    article = make_article(title="ข่าวมีเอกสาร")
    _get(client, article)
    pdf = SimpleUploadedFile("a.pdf", pdf_bytes(), "application/pdf")
    document = document_create(article=article, user=editor, title="กำหนดการ", file=pdf)
    assert document.get_absolute_url() in _get(client, article)


def test_a_related_article_withdrawn_leaves_the_related_news(
    client, agency, other_agency
):
    editor = make_user(agencies=[agency, other_agency])
    other = make_article(agency=other_agency, title="ลิ้นจี่พะเยาราคาดีปีนี้")
    article = make_article(title="เทศกาลลิ้นจี่พะเยา")
    related_store_all()
    assert other.get_absolute_url() in _get(client, article)
    article_unpublish(article=other, user=editor)
    assert other.get_absolute_url() not in _get(client, article)


def test_new_articles_and_drafts_leave_the_stored_parts_current(
    client, agency, django_capture_on_commit_callbacks
):
    editor = make_user(agencies=[agency])
    article = make_article(title="ข่าวเก่าที่อ่านน้อย")
    _get(client, article)
    with django_capture_on_commit_callbacks(execute=True):
        draft = article_create(
            agency=agency, title="ร่างข่าวใหม่", body="<p>เนื้อหา</p>", user=editor
        )
        article_update(
            article=draft, user=editor, version=draft.version, title="ร่างข่าวแก้"
        )
        article_publish(article=Article.objects.get(pk=draft.pk), user=editor)
    _, drawn = _rendered(client, article)
    assert not drawn
    # Any other change moves the epoch: drawn again.
    pages_invalidate()
    _, drawn = _rendered(client, article)
    assert drawn


def test_parts_stamped_before_a_change_are_never_served(client, agency):
    """A render that read the article before a change committed stores the
    stamp it read: the next request draws the page again."""
    article = make_article(title="ข้อความที่ถูกต้อง")
    _get(client, article)
    stored = ArticleRender.objects.get(article=article)
    # As if a slow render had read the old text and stored it after the edit.
    stored.before_reads = stored.before_reads.replace("ข้อความที่ถูกต้อง", "ข้อความเก่า")
    stored.epoch -= 1
    stored.save()
    page = _get(client, article)
    assert "ข้อความที่ถูกต้อง" in page and "ข้อความเก่า" not in page


def test_new_templates_or_settings_draw_every_page_again(client, agency, settings):
    article = make_article(title="ข่าวกับชื่อเว็บไซต์")
    _get(client, article)
    site = {**settings.NEWSROOM, "SITE_NAME": "สำนักงานประชาสัมพันธ์ทดสอบ"}
    with override_settings(NEWSROOM=site):
        page, drawn = _rendered(client, article)
    assert drawn and "สำนักงานประชาสัมพันธ์ทดสอบ" in page


def test_a_withdrawn_article_answers_404_whatever_is_stored(client, agency):
    editor = make_user(agencies=[agency])
    article = make_article(title="ข่าวที่จะถอน")
    _get(client, article)
    article_unpublish(article=article, user=editor)
    assert client.get(article.get_absolute_url()).status_code == 404
    assert ArticleRender.objects.filter(article=article).exists()


def test_render_articles_stores_what_is_missing_or_stale(client, agency):
    articles = [make_article(title=f"ข่าวลำดับ {n}") for n in range(3)]
    draft = make_article(title="ร่าง", status=Article.Status.DRAFT)
    call_command("render_articles", verbosity=0)
    assert set(ArticleRender.objects.values_list("article_id", flat=True)) == {
        a.pk for a in articles
    }
    assert not ArticleRender.objects.filter(article=draft).exists()
    _, drawn = _rendered(client, articles[0])
    assert not drawn


def test_render_articles_shares_the_work_between_processes(agency):
    articles = [make_article(title=f"ข่าวแบ่งงาน {n}") for n in range(4)]
    call_command("render_articles", part="1/2", verbosity=0)
    assert set(ArticleRender.objects.values_list("article_id", flat=True)) == {
        a.pk for a in articles if a.pk % 2 == 1
    }
    with pytest.raises(CommandError):
        call_command("render_articles", part="2/2", verbosity=0)


def test_parts_that_cannot_be_stored_are_still_served(client, agency, monkeypatch):
    article = make_article(title="ข่าวในฐานข้อมูลที่เขียนไม่ได้")

    def busy(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(ArticleRender.objects, "create", busy)
    assert "ข่าวในฐานข้อมูลที่เขียนไม่ได้" in _get(client, article)
    assert not ArticleRender.objects.filter(article=article).exists()


def test_stored_parts_of_an_article_whose_end_has_come_answer_404(client, agency):
    article = make_article(
        title="ข่าวที่มีกำหนดสิ้นสุด", unpublish_at=timezone.now() + timedelta(hours=1)
    )
    _get(client, article)
    # The end comes with no change to the row: the same stamp, the time passed.
    Article.objects.filter(pk=article.pk).update(
        unpublish_at=timezone.now() - timedelta(seconds=1),
        updated_at=article.updated_at,
    )
    assert ArticleRender.objects.get(article=article).stamp == article.updated_at
    assert client.get(article.get_absolute_url()).status_code == 404


def test_a_related_article_renamed_outside_the_services_shows(
    client, agency, other_agency
):
    other = make_article(agency=other_agency, title="ลิ้นจี่พะเยาราคาดีปีนี้")
    article = make_article(title="เทศกาลลิ้นจี่พะเยา")
    related_store_all()
    assert "ลิ้นจี่พะเยาราคาดีปีนี้" in _get(client, article)
    other.title = "ลิ้นจี่พะเยาส่งออกต่างประเทศ"
    other.save()  # the shell: the safety net moves the epoch
    assert "ลิ้นจี่พะเยาส่งออกต่างประเทศ" in _get(client, article)


def test_an_approving_editors_name_changed_in_the_admin_shows(client, agency):
    from django.contrib.auth.models import update_last_login

    editor = make_user(agencies=[agency], first_name="สมศรี", last_name="ใจดี")
    article = make_article(title="ข่าวที่บรรณาธิการอนุมัติ", editor=editor)
    assert "บรรณาธิการ : สมศรี ใจดี" in _get(client, article)
    # A login saves the user (last_login only): every stored part stays current.
    update_last_login(None, editor)
    assert not _rendered(client, article)[1]
    editor.last_name = "รักงาน"
    editor.save()  # the admin's change form
    page, drawn = _rendered(client, article)
    assert drawn and "บรรณาธิการ : สมศรี รักงาน" in page


def test_a_cold_article_with_redis_reads_its_total_with_its_parts(client, redis_site):
    import redis

    from articles.pagecache import hits
    from articles.reads import reads_flush

    article = make_article(title="ข่าวที่ไม่มีใครอ่านมานาน", reads=41)
    assert '<span class="read-count">42</span>' in _get(client, article)
    assert reads_flush() == 1
    # Redis forgets everything (evicted, restarted): the page and its shown
    # count are gone, the parts and the counter are in the database.
    redis.Redis.from_url(redis_site.url).flushall()
    hits.forget_held()
    with CaptureQueriesContext(connection) as queries:
        page = _get(client, article)
    assert '<span class="read-count">43</span>' in page
    on_their_own = [
        q["sql"] for q in queries if 'FROM "articles_readtotal"' in q["sql"]
    ]
    assert on_their_own == []  # the total came with the stored parts
    assert reads_flush() == 1
    assert _get(client, article).count('<span class="read-count">44</span>') == 1
