"""Photos as records: uploaded several at once from the desk, each with alt
text, caption, credit and a place in the order, and a lead photo the editor
picks; renditions made once at upload."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from articles.models import Article, Photo
from tests.factories import desk_form_data, make_article, make_user

pytestmark = pytest.mark.django_db


def jpeg(size=(1600, 900), colour=(30, 120, 60)):
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


def upload(name, data, content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def media_files():
    return {p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()}


@pytest.fixture
def editor(agency):
    return make_user("photo-desk", agencies=[agency])


@pytest.fixture
def desk(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def article(agency):
    return make_article(status=Article.Status.DRAFT, published_at=None)


def add(client, article, *files):
    return client.post(
        reverse("desk:photos-add", args=[article.pk]), {"photos": list(files)}
    )


def save_panel(client, article, rows, lead=None):
    data = {}
    for photo, values in rows.items():
        for name, value in values.items():
            data[f"photo-{photo.pk}-{name}"] = value
    if lead is not None:
        data["lead"] = str(lead.pk)
    return client.post(reverse("desk:photos-save", args=[article.pk]), data)


def test_three_photos_at_once_in_order_the_first_the_lead(desk, article):
    response = add(
        desk,
        article,
        upload("a.jpg", jpeg()),
        upload("b.jpg", jpeg((900, 1600))),
        upload("c.jpg", jpeg((300, 200))),
    )
    assert response.status_code == 302
    photos = list(article.photos.all())
    assert [p.position for p in photos] == [0, 1, 2]
    article.refresh_from_db()
    assert article.lead_photo == photos[0]
    page = desk.get(reverse("desk:edit", args=[article.pk])).content.decode()
    assert page.count('type="radio" name="lead"') == 3
    assert 'name="photos" multiple' in page


def test_renditions_are_made_once_not_blown_up(desk, article):
    add(desk, article, upload("wide.jpg", jpeg((1600, 900))))
    add(desk, article, upload("small.jpg", jpeg((300, 200))))
    wide, small = article.photos.all()
    assert [r["width"] for r in wide.renditions] == [240, 400, 800, 1200]
    assert [r["height"] for r in wide.renditions] == [135, 225, 450, 675]
    assert [r["width"] for r in small.renditions] == [240, 300]
    root = Path(settings.MEDIA_ROOT)
    for size in wide.renditions + small.renditions:
        with Image.open(root / size["webp"]) as webp:
            assert webp.format == "WEBP"
            assert webp.size == (size["width"], size["height"])
        with Image.open(root / size["jpeg"]) as stored:
            assert stored.format == "JPEG"
            assert stored.size == (size["width"], size["height"])
    assert wide.srcset_webp.endswith(".webp 1200w")
    assert "-400.jpg 400w" in wide.srcset_jpeg


def test_a_bad_file_among_good_ones_is_named_and_loses_nothing(desk, article):
    add(desk, article, upload("first.jpg", jpeg()))
    before = media_files()
    response = add(
        desk,
        article,
        upload("good.jpg", jpeg()),
        upload("notes.jpg", b"this is not a photo", "image/jpeg"),
    )
    page = desk.get(response["Location"]).content.decode()
    assert "notes.jpg: ไฟล์นี้ไม่ใช่ภาพ" in page
    assert "เพิ่มภาพแล้ว 1 ภาพ" in page
    assert article.photos.count() == 2
    # The refused file left nothing; the one stored before is untouched.
    assert before < media_files()
    assert all(path.exists() for path in before)


def test_no_file_is_a_thai_error(desk, article):
    response = add(desk, article)
    page = desk.get(response["Location"]).content.decode()
    assert "กรุณาเลือกไฟล์ภาพอย่างน้อยหนึ่งไฟล์" in page


def test_the_panel_saves_text_order_and_the_lead(desk, article):
    add(desk, article, *(upload(f"{n}.jpg", jpeg()) for n in "abc"))
    a, b, c = article.photos.all()
    rows = {
        a: {"alt": "ภาพ ก", "caption": "", "credit": "", "position": "3"},
        b: {"alt": "ภาพ ข", "caption": "บรรยาย ข", "credit": "สมชาย", "position": "1"},
        c: {"alt": "ภาพ ค", "caption": "", "credit": "", "position": "2"},
    }
    response = save_panel(desk, article, rows, lead=c)
    assert response.status_code == 302
    assert list(article.photos.values_list("pk", flat=True)) == [b.pk, c.pk, a.pk]
    b.refresh_from_db()
    assert (b.caption, b.credit, b.credit_line) == ("บรรยาย ข", "สมชาย", "ภาพ: สมชาย")
    article.refresh_from_db()
    assert article.lead_photo_id == c.pk


def test_alt_text_is_required_and_nothing_is_half_saved(desk, article):
    add(desk, article, upload("a.jpg", jpeg()), upload("b.jpg", jpeg()))
    a, b = article.photos.all()
    rows = {
        a: {"alt": "ภาพ ก", "caption": "ใหม่", "credit": "", "position": "1"},
        b: {"alt": " ", "caption": "", "credit": "", "position": "2"},
    }
    response = save_panel(desk, article, rows)
    assert response.status_code == 400
    assert "กรุณาใส่คำอธิบายภาพ" in response.content.decode()
    # The typed caption is shown again, not stored.
    assert 'value="ใหม่"' in response.content.decode()
    a.refresh_from_db()
    assert a.caption == ""


def test_another_agencys_photo_cannot_be_made_lead(desk, article, other_agency):
    add(desk, article, upload("a.jpg", jpeg()))
    elsewhere = make_article(agency=other_agency)
    other = make_user("other-desk", agencies=[other_agency])
    from articles.services.photos import photo_create

    foreign = photo_create(
        file=upload("x.jpg", jpeg()), article=elsewhere, user=other, alt="x"
    )
    (photo,) = article.photos.all()
    rows = {photo: {"alt": "ภาพ", "caption": "", "credit": "", "position": "1"}}
    response = save_panel(desk, article, rows, lead=foreign)
    assert response.status_code == 400
    assert "ภาพนำต้องเป็นภาพของข่าวนี้" in response.content.decode()
    article.refresh_from_db()
    assert article.lead_photo_id == photo.pk


def test_another_agencys_editor_cannot_add_photos(client, article, other_agency):
    client.force_login(make_user("outsider", agencies=[other_agency]))
    response = add(client, article, upload("a.jpg", jpeg()))
    assert response.status_code == 404
    assert not Photo.objects.exists()


def test_publishing_waits_for_the_alt_text_of_a_shown_photo(desk, article):
    add(desk, article, upload("a.jpg", jpeg()))
    data = desk_form_data(desk, article)
    data["action"] = "publish"
    response = desk.post(reverse("desk:edit", args=[article.pk]), data)
    assert response.status_code == 400
    assert "ภาพของข่าวลำดับที่ 1 ยังไม่มีคำอธิบายภาพ" in response.content.decode()
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    (photo,) = article.photos.all()
    save_panel(
        desk,
        article,
        {photo: {"alt": "ผู้ว่าฯ ตัดริบบิ้น", "caption": "", "credit": "", "position": 1}},
    )
    data = desk_form_data(desk, article)
    data["action"] = "publish"
    response = desk.post(reverse("desk:edit", args=[article.pk]), data)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED


def test_more_than_ten_files_are_refused_whole(article, editor):
    from articles.services.photos import photos_add

    files = [upload(f"{n}.jpg", jpeg((64, 64))) for n in range(11)]
    stored, refused = photos_add(files=files, article=article, user=editor)
    assert stored == [] and refused == [("", "เลือกได้ครั้งละไม่เกิน 10 ภาพ")]
    assert not Photo.objects.exists()
