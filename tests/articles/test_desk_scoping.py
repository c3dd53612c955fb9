"""demo-phayao on the desk: full control of pr-phayao's news, none of
pr-lampang's (every address answers 403 or 404 and nothing changes)."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from articles.models import Agency, Article, Photo
from articles.services.demo import demo_seed
from tests.articles.test_photos import image_bytes, media_files

pytestmark = pytest.mark.django_db


@pytest.fixture
def phayao(client):
    demo_seed(editor_password="scoping-password-5")
    client.force_login(get_user_model().objects.get(username="demo-phayao"))
    return client


def state(article):
    row = Article.objects.get(pk=article.pk)
    return (
        row.title,
        row.lead,
        row.body,
        row.agency_id,
        row.status,
        row.published_at,
        row.version,
        row.events.count(),
        row.photos.count(),
        row.read_count,
    )


def test_demo_phayao_creates_edits_publishes_and_unpublishes(phayao):
    agency = Agency.objects.get(slug="pr-phayao")
    phayao.post(
        reverse("desk:new"),
        {"title": "ข่าวใหม่ของพะเยา", "body": "<p>ร่าง</p>", "agency": agency.pk},
    )
    article = Article.objects.get(title="ข่าวใหม่ของพะเยา")
    edit = reverse("desk:edit", args=[article.pk])
    assert phayao.get(edit).status_code == 200
    response = phayao.post(
        edit,
        {
            "title": "ข่าวใหม่ของพะเยา (แก้ไข)",
            "body": "<p>เนื้อข่าวจริง</p>",
            "agency": agency.pk,
            "version": article.version,
        },
    )
    assert response.status_code == 302
    phayao.post(reverse("desk:publish", args=[article.pk]))
    article.refresh_from_db()
    assert article.is_public and article.title == "ข่าวใหม่ของพะเยา (แก้ไข)"
    phayao.post(reverse("desk:unpublish", args=[article.pk]))
    article.refresh_from_db()
    assert article.status == Article.Status.UNPUBLISHED
    assert [e.action for e in article.events.order_by("at", "id")] == [
        "created",
        "edited",
        "published",
        "unpublished",
    ]


def test_every_desk_address_on_a_lampang_article_is_refused(phayao):
    theirs = Article.objects.filter(agency__slug="pr-lampang").first()
    draft = Article.objects.create(
        title="ร่างของลำปาง", body="<p>ลับ</p>", agency=theirs.agency
    )
    phayao_agency = Agency.objects.get(slug="pr-phayao")
    future = (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    for article in (theirs, draft):
        before = state(article)
        files_before = media_files()
        photos_before = list(Photo.objects.filter(article=article).values())
        pk = article.pk
        requests = [
            ("get", reverse("desk:edit", args=[pk]), {}),
            ("get", reverse("desk:preview", args=[pk]), {}),
            (
                "post",
                reverse("desk:edit", args=[pk]),
                {
                    "title": "ยึด",
                    "body": "<p>ยึด</p>",
                    "agency": phayao_agency.pk,
                    "version": article.version,
                },
            ),
            ("post", reverse("desk:publish", args=[pk]), {}),
            ("post", reverse("desk:unpublish", args=[pk]), {}),
            ("post", reverse("desk:schedule", args=[pk]), {"published_at": future}),
            (
                "post",
                reverse("desk:photo-upload", args=[pk]),
                {"upload": SimpleUploadedFile("a.jpg", image_bytes())},
            ),
            (
                "post",
                reverse("desk:photos-add", args=[pk]),
                {"photos": [SimpleUploadedFile("b.jpg", image_bytes())]},
            ),
            *[
                (
                    "post",
                    reverse("desk:photos-save", args=[pk]),
                    {f"photo-{photo.pk}-alt": "ยึด", "lead": str(photo.pk)},
                )
                for photo in article.photos.all()
            ],
        ]
        for method, url, data in requests:
            response = getattr(phayao, method)(url, data)
            assert response.status_code in (403, 404), (method, url)
        assert state(article) == before
        assert media_files() == files_before
        # The demo's photos of the article stay as they were; none is added.
        assert list(Photo.objects.filter(article=article).values()) == photos_before
    draft.refresh_from_db()
    assert (draft.title, draft.status) == ("ร่างของลำปาง", Article.Status.DRAFT)


def test_lampang_articles_are_not_listed_for_phayao(phayao):
    html = phayao.get(reverse("desk:index")).content.decode()
    assert "ส.ปชส.ลำปาง" not in html
    assert "ส.ปชส.พะเยา" in html
