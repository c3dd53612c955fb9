"""Photo uploads: checked with Pillow, cleaned of metadata, and rendered.

Everything is decided in memory before a byte reaches storage, so a refused
upload leaves nothing on disk; if storing fails half-way, what was written goes.
"""

import io
import uuid
import warnings

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from PIL import Image, ImageOps, UnidentifiedImageError

from articles.models import Photo
from articles.pagecache.invalidation import pages_invalidate

MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
DISPLAY_WIDTH = 1200
SHARE_SIZE = (1200, 630)
JPEG_QUALITY = 85


class PhotoRejected(ValidationError):
    """An upload that is not a photo we accept; the message says why, in Thai."""


def _open_checked(file):
    """The decoded image, or PhotoRejected. Reads the header before decoding so a
    decompression bomb is refused without allocating its pixels."""
    size = getattr(file, "size", None)
    if size is None or size > MAX_BYTES:
        raise PhotoRejected("ไฟล์ภาพใหญ่เกิน 10 MB", code="too_large")
    if size == 0:
        raise PhotoRejected("ไฟล์ว่างเปล่า", code="empty")
    file.seek(0)
    with warnings.catch_warnings():
        # Pillow only warns between its limit and twice it; refuse those too.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(file)
            if image.format not in FORMATS:
                raise PhotoRejected(
                    "รองรับเฉพาะไฟล์ภาพ JPEG, PNG, WebP หรือ GIF", code="format"
                )
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise PhotoRejected("ภาพมีขนาดเกิน 40 ล้านพิกเซล", code="too_many_pixels")
            image.load()
        except PhotoRejected:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise PhotoRejected(
                "ภาพมีขนาดเกิน 40 ล้านพิกเซล", code="too_many_pixels"
            ) from exc
        except UnidentifiedImageError as exc:
            raise PhotoRejected(
                "ไฟล์นี้ไม่ใช่ภาพ รองรับเฉพาะ JPEG, PNG, WebP หรือ GIF", code="format"
            ) from exc
        except (OSError, SyntaxError, ValueError, EOFError) as exc:
            raise PhotoRejected(
                "ไฟล์ภาพเสียหรือไม่สมบูรณ์ โปรดบันทึกภาพใหม่แล้วอัปโหลดอีกครั้ง",
                code="broken",
            ) from exc
    return image


def _pixels_only(image):
    """A new image holding only the pixels, upright: no EXIF, GPS, XMP, ICC or
    text chunks can ride along, whatever the encoder would copy from `info`."""
    image = ImageOps.exif_transpose(image)
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info
    )
    mode = "RGBA" if has_alpha else ("L" if image.mode in ("1", "L") else "RGB")
    image = image.convert(mode)
    return Image.frombytes(mode, image.size, image.tobytes())


def _flatten(image):
    if image.mode == "RGBA":
        background = Image.new("RGB", image.size, "white")
        background.paste(image, mask=image.getchannel("A"))
        return background
    return image.convert("RGB")


def _encode(image, fmt):
    buffer = io.BytesIO()
    if fmt == "JPEG":
        image.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True)
    elif fmt == "GIF":
        image.save(buffer, "GIF")
    else:
        image.save(buffer, fmt)
    return buffer.getvalue()


def photo_renditions(file):
    """(original format, cleaned original, display JPEG, share JPEG, size) for an
    upload, or PhotoRejected. Pure: nothing is stored."""
    source = _open_checked(file)
    fmt = source.format
    clean = _pixels_only(source)
    source.close()
    # A JPEG has no alpha, so `clean` is already RGB or L for it.
    original = clean
    flat = _flatten(clean)
    display = flat.copy()
    if display.width > DISPLAY_WIDTH:
        display.thumbnail((DISPLAY_WIDTH, DISPLAY_WIDTH * 4), Image.Resampling.LANCZOS)
    share = ImageOps.fit(flat, SHARE_SIZE, Image.Resampling.LANCZOS)
    return (
        fmt,
        _encode(original, fmt),
        _encode(display, "JPEG"),
        _encode(share, "JPEG"),
        clean.size,
    )


@transaction.atomic
def photo_create(*, file, article, user, alt=""):
    """Store an accepted upload for `article` (in its agency) and return the Photo.

    Refuses with PhotoRejected (Thai message) anything that is not a real JPEG,
    PNG, WebP or GIF of at most 10 MB and 40 megapixels.
    """
    if user is not None and not user.can_edit_agency(article.agency_id):
        raise PermissionDenied("ไม่มีสิทธิ์อัปโหลดภาพให้ข่าวของหน่วยงานนี้")
    fmt, original, display, share, (width, height) = photo_renditions(file)
    stem = uuid.uuid4().hex
    photo = Photo(
        agency_id=article.agency_id,
        article=article,
        width=width,
        height=height,
        alt=(alt or "")[:300],
        uploaded_by=user,
    )
    written = []
    try:
        for field, name, content in (
            (photo.image, f"{stem}.{FORMATS[fmt]}", original),
            (photo.display, f"{stem}-display.jpg", display),
            (photo.share, f"{stem}-share.jpg", share),
        ):
            field.save(name, ContentFile(content), save=False)
            written.append(field.name)
        photo.save()
        pages_invalidate()
    except Exception:
        for name in written:
            photo.image.storage.delete(name)
        raise
    return photo
