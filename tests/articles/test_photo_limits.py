"""Uploads that would take a worker's memory: refused by their header before a
pixel is decoded, or decoded reduced; never a 500."""

import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from articles.models import Article, Photo
from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db


def png(size, mode="1"):
    buffer = io.BytesIO()
    Image.new(mode, size).save(buffer, "PNG")
    return buffer.getvalue()


def jpeg(size, mode="L"):
    buffer = io.BytesIO()
    Image.new(mode, size, 128).save(buffer, "JPEG", quality=50)
    return buffer.getvalue()


def png_with_ztxt(inflated_bytes):
    """A small PNG carrying a zTXt chunk that inflates to `inflated_bytes`."""
    data = png((64, 64), "RGB")
    squeeze = zlib.compressobj(9)
    block = b"\0" * (1 << 20)
    text = b"".join(squeeze.compress(block) for _ in range(inflated_bytes >> 20))
    text += squeeze.flush()
    payload = b"Comment\0\0" + text
    chunk = struct.pack(">I", len(payload)) + b"zTXt" + payload
    chunk += struct.pack(">I", zlib.crc32(b"zTXt" + payload))
    header_end = 8 + 25  # the signature and IHDR
    return data[:header_end] + chunk + data[header_end:]


@pytest.fixture
def desk(client, agency):
    client.force_login(make_user("photo-limits", agencies=[agency]))
    return client


@pytest.fixture
def article(agency):
    return make_article(status=Article.Status.DRAFT, published_at=None)


def post_photo(client, article, data, name):
    return client.post(
        reverse("desk:photo-upload", args=[article.pk]),
        {"upload": SimpleUploadedFile(name, data, content_type="image/png")},
    )


def refusal(response):
    assert response.status_code == 400, response.content
    answer = response.json()
    assert answer["uploaded"] == 0
    assert not Photo.objects.exists()
    return answer["error"]["message"]


def test_a_forty_million_pixel_line_is_refused_unread(desk, article):
    data = png((1, 40_000_000))
    assert len(data) < 200_000
    assert "12,000 พิกเซล" in refusal(post_photo(desk, article, data, "line.png"))


@pytest.mark.parametrize(
    ("size", "message"),
    [
        ((12_001, 200), "12,000 พิกเซล"),
        ((200, 12_001), "12,000 พิกเซล"),
        ((7_000, 7_000), "40 ล้านพิกเซล"),
        ((2_100, 100), "20 เท่า"),
        ((100, 2_100), "20 เท่า"),
    ],
)
def test_photos_over_the_limits_are_refused_in_thai(desk, article, size, message):
    assert message in refusal(post_photo(desk, article, png(size), "big.png"))


def test_a_photo_at_the_limits_is_accepted(desk, article):
    response = post_photo(desk, article, png((2_000, 100)), "wide.png")
    assert response.status_code == 200, response.content


def test_a_forty_megapixel_png_is_refused(desk, article):
    # PNG is decoded whole, four bytes a pixel: 160 MB for this 116 KB file.
    data = png((6_324, 6_324), "RGB")
    assert len(data) < 200_000
    message = refusal(post_photo(desk, article, data, "square.png"))
    assert "24 ล้านพิกเซล" in message and "JPEG" in message


@pytest.mark.parametrize("mode", ["RGB", "RGBA", "P", "1"])
def test_a_large_png_is_kept_reduced(desk, article, mode):
    response = post_photo(desk, article, png((4_800, 4_800), mode), "square.png")
    assert response.status_code == 200, response.content
    photo = Photo.objects.get()
    assert (photo.width, photo.height) == (2400, 2400)
    with Image.open(photo.image.path) as kept:
        assert kept.size == (2400, 2400)
    with Image.open(photo.share.path) as share:
        assert share.size == (1200, 630)


def test_a_forty_megapixel_jpeg_is_kept_reduced(desk, article):
    response = post_photo(desk, article, jpeg((7_740, 5_160)), "big.jpg")
    assert response.status_code == 200, response.content
    photo = Photo.objects.get()
    assert (photo.width, photo.height) == (2400, 1600)


def test_a_long_jpeg_is_kept_reduced_with_a_sharp_share_picture(desk, article):
    response = post_photo(desk, article, jpeg((12_000, 3_000)), "pano.jpg")
    assert response.status_code == 200, response.content
    photo = Photo.objects.get()
    # 2400 px wide would leave the share picture's crop 600 px high.
    assert (photo.width, photo.height) == (2520, 630)
    with Image.open(photo.display.path) as display:
        assert display.size == (1200, 300)
    with Image.open(photo.share.path) as share:
        assert share.size == (1200, 630)


def test_a_thin_photo_keeps_enough_height_for_its_share_picture(desk, article):
    response = post_photo(desk, article, jpeg((10_000, 700)), "strip.jpg")
    assert response.status_code == 200, response.content
    photo = Photo.objects.get()
    assert photo.height >= 630


def test_a_truncated_large_jpeg_is_refused_not_a_500(desk, article):
    data = jpeg((8_000, 4_000))
    message = refusal(post_photo(desk, article, data[: len(data) // 3], "cut.jpg"))
    assert "เสียหรือไม่สมบูรณ์" in message


def test_a_png_with_a_huge_text_chunk_is_refused(desk, article):
    data = png_with_ztxt(64 << 20)
    assert len(data) < 1_000_000
    message = refusal(post_photo(desk, article, data, "text.png"))
    assert "เสียหรือไม่สมบูรณ์" in message


def post_photos(client, article, files):
    return client.post(
        reverse("desk:photos-add", args=[article.pk]),
        {
            "photos": [
                SimpleUploadedFile(name, data, content_type="image/png")
                for name, data in files
            ]
        },
    )


def test_the_limits_hold_for_each_of_several_files(desk, article):
    response = post_photos(
        desk,
        article,
        [
            ("good.png", png((2_000, 100))),
            ("line.png", png((1, 40_000_000))),
            ("square.png", png((6_324, 6_324), "RGB")),
            ("cut.jpg", jpeg((8_000, 4_000))[:20_000]),
            ("big.jpg", jpeg((7_740, 5_160))),
        ],
    )
    assert response.status_code == 302
    page = desk.get(response["Location"]).content.decode()
    assert "line.png: ภาพกว้างหรือสูงเกิน 12,000 พิกเซล" in page
    assert "square.png: ภาพ PNG, GIF หรือ WebP มีขนาดเกิน 24 ล้านพิกเซล" in page
    assert "cut.jpg: ไฟล์ภาพเสียหรือไม่สมบูรณ์" in page
    assert "เพิ่มภาพแล้ว 2 ภาพ" in page
    stored = list(Photo.objects.order_by("position"))
    assert [(p.width, p.height) for p in stored] == [(2_000, 100), (2_400, 1_600)]


def test_more_files_than_allowed_are_refused_in_thai(desk, article):
    files = [(f"{n}.png", png((64, 64), "RGB")) for n in range(11)]
    # Django refuses the request before the view (DATA_UPLOAD_MAX_NUMBER_FILES):
    # the answer is the Thai 400 page, and nothing is stored.
    response = post_photos(desk, article, files)
    assert response.status_code == 400
    assert "เลือกได้ครั้งละไม่เกิน 10 ภาพ" in response.content.decode()
    assert not Photo.objects.exists()
