"""Photo uploads: real images only, metadata stripped, renditions made, and a
refused upload leaves nothing behind."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import ExifTags, Image

from articles.models import Article, Photo
from articles.services.photos import PhotoRejected, photo_create
from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db

GPS_IFD = ExifTags.IFD.GPSInfo
ORIENTATION = ExifTags.Base.Orientation


def image_bytes(fmt="JPEG", size=(1600, 900), mode="RGB", **save_args):
    buffer = io.BytesIO()
    image = Image.new(mode, size, (200, 30, 30) if mode == "RGB" else None)
    image.save(buffer, fmt, **save_args)
    return buffer.getvalue()


def gps_photo(size=(1600, 900), orientation=None):
    """A JPEG from a phone: GPS position of Phayao and maybe a rotation tag."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[GPS_IFD] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (19.0, 10.0, 0.0),
        ExifTags.GPS.GPSLongitudeRef: "E",
        ExifTags.GPS.GPSLongitude: (99.0, 54.0, 0.0),
    }
    if orientation:
        exif[ORIENTATION] = orientation
    return image_bytes(size=size, exif=exif.tobytes())


def upload(data, name="photo.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def media_files():
    root = Path(settings.MEDIA_ROOT)
    return {path for path in root.rglob("*") if path.is_file()}


@pytest.fixture
def editor(agency):
    return make_user("photo-editor", agencies=[agency])


@pytest.fixture
def article(agency):
    return make_article(status=Article.Status.DRAFT, published_at=None)


@pytest.fixture
def desk(client, editor):
    client.force_login(editor)
    return client


def post_photo(client, article, data, name="photo.jpg"):
    return client.post(
        reverse("desk:photo-upload", args=[article.pk]),
        {"upload": upload(data, name)},
    )


def test_gps_is_stripped_and_orientation_applied(desk, article):
    # Orientation 6: the camera was turned; the upright photo is 900 x 1600.
    raw = gps_photo(size=(1600, 900), orientation=6)
    assert Image.open(io.BytesIO(raw)).getexif().get_ifd(GPS_IFD)
    response = post_photo(desk, article, raw)
    assert response.status_code == 200
    answer = response.json()
    photo = Photo.objects.get(article=article)
    assert answer["uploaded"] == 1 and answer["url"] == photo.display.url
    assert (photo.width, photo.height) == (900, 1600)
    assert photo.agency_id == article.agency_id
    assert photo.uploaded_by.username == "photo-editor"
    for field in (photo.image, photo.display, photo.share):
        with Image.open(field.path) as stored:
            exif = stored.getexif()
            assert not exif.get_ifd(GPS_IFD)
            assert len(exif) == 0
            assert "exif" not in stored.info and "icc_profile" not in stored.info
    with Image.open(photo.image.path) as stored:
        assert stored.size == (900, 1600)


def test_renditions_for_the_page_and_for_sharing(desk, article):
    post_photo(desk, article, image_bytes(size=(3000, 2000)))
    photo = Photo.objects.get(article=article)
    with Image.open(photo.display.path) as display:
        assert display.format == "JPEG"
        assert display.size == (1200, 800)
    with Image.open(photo.share.path) as share:
        assert (share.format, share.size) == ("JPEG", (1200, 630))


@pytest.mark.parametrize(
    ("fmt", "name", "mode"),
    [
        ("PNG", "logo.png", "RGBA"),
        ("WEBP", "photo.webp", "RGB"),
        ("GIF", "anim.gif", "P"),
        ("JPEG", "grey.jpg", "L"),
    ],
)
def test_png_webp_gif_are_accepted(desk, article, fmt, name, mode):
    data = image_bytes(fmt, size=(640, 480), mode=mode)
    response = post_photo(desk, article, data, name)
    assert response.status_code == 200, response.content
    photo = Photo.objects.get(article=article)
    with Image.open(photo.image.path) as stored:
        assert stored.format == fmt
    with Image.open(photo.share.path) as share:
        assert share.size == (1200, 630)


def _oversized():
    # A real JPEG padded past 10 MB: refused on size before it is decoded.
    return image_bytes(size=(64, 64)) + b"\0" * (10 * 1024 * 1024)


def _bomb(side):
    buffer = io.BytesIO()
    Image.new("1", (side, side // 2 if side < 15000 else side)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"<html>not a photo</html>\n" * 40, "report.jpg", "ไม่ใช่ภาพ"),
        (image_bytes()[:2000], "cut.jpg", "เสียหรือไม่สมบูรณ์"),
        (_bomb(10_000), "bomb.png", "40 ล้านพิกเซล"),  # 50 MP in a few KB
        (_bomb(20_000), "bigbomb.png", "40 ล้านพิกเซล"),  # past Pillow's own limit
        (_oversized(), "huge.jpg", "10 MB"),
        (b"", "empty.jpg", "ว่างเปล่า"),
        (image_bytes("BMP", size=(50, 50)), "old.jpg", "JPEG, PNG, WebP หรือ GIF"),
    ],
    ids=["text", "truncated", "bomb", "bigger-bomb", "oversized", "empty", "bmp"],
)
def test_bad_uploads_are_refused_clearly_and_leave_nothing(
    desk, article, data, name, message
):
    before = media_files()
    response = post_photo(desk, article, data, name)
    assert response.status_code == 400
    answer = response.json()
    assert answer["uploaded"] == 0
    assert message in answer["error"]["message"]
    assert not Photo.objects.exists()
    assert media_files() == before


def test_a_request_without_exactly_one_file_is_refused(desk, article):
    response = desk.post(reverse("desk:photo-upload", args=[article.pk]), {})
    assert response.status_code == 400
    assert "กรุณาเลือกไฟล์ภาพ" in response.json()["error"]["message"]


def test_upload_into_another_agencys_article_is_404_and_stores_nothing(
    desk, other_agency
):
    theirs = make_article(agency=other_agency)
    before = media_files()
    response = post_photo(desk, theirs, image_bytes())
    assert response.status_code == 404
    assert not Photo.objects.exists()
    assert media_files() == before


def test_service_refuses_a_user_outside_the_agency(article, other_agency):
    outsider = make_user("outsider", agencies=[other_agency])
    before = media_files()
    with pytest.raises(PermissionDenied):
        photo_create(file=upload(image_bytes()), article=article, user=outsider)
    assert not Photo.objects.exists()
    assert media_files() == before


def test_service_rejection_is_a_validation_error_with_a_code(article, editor):
    with pytest.raises(PhotoRejected) as refusal:
        photo_create(file=upload(b"GIF89a broken"), article=article, user=editor)
    assert refusal.value.code in {"format", "broken"}


def test_uploads_need_login(client, article):
    response = post_photo(client, article, image_bytes())
    assert response.status_code == 302
    assert not Photo.objects.exists()


def test_django_ckeditors_own_uploader_and_browser_are_not_served(desk):
    # Uploads go only through the desk's scoped view; there is no file browser.
    for url in ("/ckeditor/upload/", "/ckeditor/browse/"):
        assert desk.get(url).status_code == 404
        assert desk.post(url, {"upload": upload(image_bytes())}).status_code == 404
    assert not Photo.objects.exists()
