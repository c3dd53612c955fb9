"""The home page: a lead (featured, else newest with a photo), a pinned notice,
and the desk's featured and topic fields."""

import io
import time
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from articles.models import Article, Notice, Topic
from articles.services.photos import photo_create
from tests.articles.page_parts import page_parts
from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db


def with_photo(article, editor):
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 900), (30, 120, 60)).save(buffer, "JPEG")
    upload = SimpleUploadedFile("p.jpg", buffer.getvalue(), content_type="image/jpeg")
    return photo_create(file=upload, article=article, user=editor, alt="ภาพข่าว")


def lead_title(response):
    html = response.content.decode()
    if '<article class="lead-story">' not in html:
        return None
    story = html.split('<article class="lead-story">', 1)[1].split("</article>", 1)[0]
    return (
        story.split('class="lead-title"><a href="', 1)[1]
        .split(">", 1)[1]
        .split("</a>", 1)[0]
    )


def test_the_newest_featured_article_leads(client):
    now = timezone.now()
    make_article(title="เด่นเก่า", is_featured=True, published_at=now - timedelta(2))
    make_article(title="เด่นใหม่", is_featured=True, published_at=now - timedelta(1))
    make_article(title="ล่าสุดไม่เด่น", published_at=now - timedelta(minutes=5))
    response = client.get("/")
    assert lead_title(response) == "เด่นใหม่"
    # Not repeated in the grid below it.
    assert response.content.decode().count(">เด่นใหม่</a>") == 1


def test_without_a_featured_one_the_newest_with_a_photo_leads(client, agency):
    editor = make_user(agencies=[agency])
    now = timezone.now()
    pictured = make_article(title="มีภาพ", published_at=now - timedelta(hours=3))
    photo = with_photo(pictured, editor)
    make_article(title="ไม่มีภาพ", published_at=now - timedelta(hours=1))
    response = client.get("/")
    assert lead_title(response) == "มีภาพ"
    html = response.content.decode()
    # Its renditions: WebP widths for the browser to choose from, a JPEG else.
    assert f'src="{photo.fallback["url"]}"' in html
    assert f'srcset="{photo.srcset_webp}"' in html


def test_no_lead_without_featured_or_photo_nor_on_page_two(client):
    for n in range(22):
        make_article(title=f"ข่าว {n}", is_featured=(n == 0))
    assert lead_title(client.get("/?page=2")) is None
    Article.objects.update(is_featured=False)
    make_article(title="ข่าวใหม่ล่าสุด")  # moves the cached page on
    assert lead_title(client.get("/")) is None


def test_home_list_uses_the_wide_layout_and_article_keeps_its_column(client):
    article = make_article()
    assert 'class="page page-wide"' in client.get("/").content.decode()
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<main id="content" class="page">' in html


def test_a_notice_shows_on_every_page_until_it_expires(client):
    article = make_article()
    Notice.objects.create(
        text="เตือนภัยหมอกควัน",
        link="/province/chiang-mai/",
        expires_at=timezone.now() + timedelta(hours=1),
    )
    Notice.objects.create(text="หมดอายุแล้ว", expires_at=timezone.now() - timedelta(1))
    for url in ("/", article.get_absolute_url(), "/province/nan/", "/search/"):
        html = client.get(url).content.decode()
        assert "ข่าวด่วน" in html, url
        assert '<a href="/province/chiang-mai/">เตือนภัยหมอกควัน</a>' in html, url
        assert "หมดอายุแล้ว" not in html, url


def test_an_expired_notice_is_gone_without_any_job_even_from_cached_pages(client):
    article = make_article()
    Notice.objects.create(
        text="น้ำท่วมฉับพลัน", expires_at=timezone.now() + timedelta(seconds=2)
    )
    # The article page is cached for minutes, the navigation for one; neither
    # keeps the notice past its time.
    urls = ("/search/", "/", article.get_absolute_url())
    for url in urls:
        assert "น้ำท่วมฉับพลัน" in client.get(url).content.decode(), url
    time.sleep(2.2)
    for url in urls:
        assert "น้ำท่วมฉับพลัน" not in client.get(url).content.decode(), url


def test_desk_form_saves_topics_and_featured(client, agency):
    editor = make_user(agencies=[agency])
    client.force_login(editor)
    farming = Topic.objects.create(slug="agriculture", name="การเกษตร")
    Topic.objects.create(slug="health", name="สาธารณสุข")
    form = client.get(reverse("desk:new")).content.decode()
    assert 'type="checkbox" name="topics"' in form
    assert 'name="is_featured"' in form
    response = client.post(
        reverse("desk:new"),
        {
            "title": "ข่าวลำไย",
            "body": "<p>เนื้อ</p>",
            "agency": agency.pk,
            "topics": [farming.pk],
            "is_featured": "on",
        },
    )
    assert response.status_code == 302
    article = Article.objects.get(title="ข่าวลำไย")
    assert list(article.topics.all()) == [farming] and article.is_featured
    response = client.post(
        reverse("desk:edit", args=[article.pk]),
        {
            "title": "ข่าวลำไย",
            "body": "<p>เนื้อ</p>",
            "agency": agency.pk,
            "version": article.version,
        },
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert list(article.topics.all()) == [] and not article.is_featured


def test_seed_demo_creates_topics_and_a_featured_lead(client):
    from articles.services.demo import demo_seed

    demo_seed(editor_password="x-demo-pass-2")
    names = set(Topic.objects.values_list("name", flat=True))
    assert names == {"ข่าวเด่น", "การเกษตร", "สาธารณสุข", "การท่องเที่ยว", "ภัยพิบัติ", "การศึกษา"}
    assert all(slug.isascii() for slug in Topic.objects.values_list("slug", flat=True))
    assert Topic.objects.get(slug="agriculture").articles.exists()
    response = client.get("/")
    assert lead_title(response).startswith("ผู้ว่าราชการจังหวัดเชียงใหม่เปิดงาน")
    assert page_parts(response).title.startswith("ข่าวล่าสุด")
