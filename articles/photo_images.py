"""Photo uploads checked with Pillow, cleaned of metadata, and rendered, all in
memory: nothing here touches storage or the database (services/photos.py does).

Memory stays small whatever the upload: the header is read first and anything
over the limits is refused before a pixel is decoded; a JPEG is decoded reduced
(`draft`) to what the largest rendition needs; every rendition is made from one
reduced copy (`thumbnail`), and the full-size pixels are let go at once.
"""

import io
import logging
import math
import warnings

from django.core.exceptions import ValidationError
from PIL import Image, ImageOps, UnidentifiedImageError

logger = logging.getLogger(__name__)

MAX_BYTES = 10 * 1024 * 1024
MAX_SIDE = 12_000
MAX_PIXELS = 40_000_000
MAX_ASPECT = 20
# PNG, GIF and WebP cannot be decoded reduced: all their pixels are held at four
# bytes each while the kept copy is made, so they get a lower limit than JPEG.
LOSSLESS_MAX_PIXELS = 24_000_000
FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
# The kept copy ("original") is the largest rendition: big enough to crop or
# print from, small enough that its pixels are a few tens of MB at most.
KEPT_SIDE = 2400
DISPLAY_WIDTH = 1200
SHARE_SIZE = (1200, 630)
JPEG_QUALITY = 85
# The widths pages choose from (srcset): a card's thumbnail at 240, a phone's
# page at 400 or 800, a wide screen's at 1200.
WIDTHS = (240, 400, 800, 1200)
WEBP_QUALITY = 80

# Pillow refuses (DecompressionBombError) past twice this and warns past it;
# the warning is made an error below, so nothing over the limit is decoded.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS

BROKEN = "ไฟล์ภาพเสียหรือไม่สมบูรณ์ โปรดบันทึกภาพใหม่แล้วอัปโหลดอีกครั้ง"
TOO_MANY_PIXELS = "ภาพมีขนาดเกิน 40 ล้านพิกเซล โปรดย่อภาพก่อนอัปโหลด"


class PhotoRejected(ValidationError):
    """An upload that is not a photo we accept; the message says why, in Thai."""


def _check_size(width, height, fmt):
    if width < 1 or height < 1:
        raise PhotoRejected(BROKEN, code="broken")
    if width > MAX_SIDE or height > MAX_SIDE:
        raise PhotoRejected(
            "ภาพกว้างหรือสูงเกิน 12,000 พิกเซล โปรดย่อภาพก่อนอัปโหลด", code="too_wide"
        )
    if width * height > MAX_PIXELS:
        raise PhotoRejected(TOO_MANY_PIXELS, code="too_many_pixels")
    if fmt != "JPEG" and width * height > LOSSLESS_MAX_PIXELS:
        raise PhotoRejected(
            "ภาพ PNG, GIF หรือ WebP มีขนาดเกิน 24 ล้านพิกเซล "
            "โปรดย่อภาพหรือบันทึกเป็น JPEG ก่อนอัปโหลด",
            code="too_many_pixels",
        )
    if max(width, height) > MAX_ASPECT * min(width, height):
        raise PhotoRejected(
            "ภาพยาวหรือแคบเกินไป ด้านยาวต้องไม่เกิน 20 เท่าของด้านสั้น", code="aspect"
        )


def _opened(file):
    """The image, opened lazily (header only) and checked against the limits."""
    size = getattr(file, "size", None)
    if size is None or size > MAX_BYTES:
        raise PhotoRejected("ไฟล์ภาพใหญ่เกิน 10 MB", code="too_large")
    if size == 0:
        raise PhotoRejected("ไฟล์ว่างเปล่า", code="empty")
    file.seek(0)
    try:
        image = Image.open(file)
    except UnidentifiedImageError as exc:
        raise PhotoRejected(
            "ไฟล์นี้ไม่ใช่ภาพ รองรับเฉพาะ JPEG, PNG, WebP หรือ GIF", code="format"
        ) from exc
    if image.format not in FORMATS:
        raise PhotoRejected("รองรับเฉพาะไฟล์ภาพ JPEG, PNG, WebP หรือ GIF", code="format")
    _check_size(*image.size, image.format)
    return image


# EXIF orientation to the turn that makes the photo upright (as ImageOps does).
UPRIGHT = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
# Modes Pillow resamples with a real filter; the rest are converted first.
RESAMPLED_MODES = {"L", "LA", "RGB", "RGBA", "CMYK"}
STRIP_ROWS = 256
LANCZOS_SUPPORT = 3


def _kept_side(width, height, orientation):
    """The longest side the kept copy needs: KEPT_SIDE, or more when the share
    picture's crop would otherwise be blown up (a long, thin photo)."""
    if orientation in (5, 6, 7, 8):  # turned a quarter
        width, height = height, width
    longest = max(width, height)
    for_share = longest * max(SHARE_SIZE[0] / width, SHARE_SIZE[1] / height)
    return min(longest, max(KEPT_SIDE, math.ceil(for_share)))


def _resized(image, size):
    """`image` resampled to `size`, strip by strip, so that no full-size copy or
    intermediate image is ever allocated beside the decoded one (Pillow's own
    resize of RGBA first copies the whole image). Each strip is cut with the
    rows its filter reaches on either side, so there are no seams."""
    width, height = image.size
    ratio = height / size[1]
    margin = math.ceil(LANCZOS_SUPPORT * max(ratio, 1)) + 2
    out = Image.new(image.mode, size)
    for top in range(0, size[1], STRIP_ROWS):
        bottom = min(size[1], top + STRIP_ROWS)
        first, last = top * ratio, min(height, bottom * ratio)
        cut = max(0, math.floor(first) - margin)
        piece = image.crop((0, cut, width, min(height, math.ceil(last) + margin)))
        strip = piece.resize(
            (size[0], bottom - top),
            Image.Resampling.LANCZOS,
            box=(0, first - cut, width, last - cut),
        )
        out.paste(strip, (0, top))
    return out


def _reduced(image):
    """One upright copy of the pixels at the kept size, with no metadata: no EXIF,
    GPS, XMP, ICC or text chunks can ride along, whatever an encoder would copy
    from `info`. A JPEG is decoded reduced (`draft`); the full-size pixels of
    any format are released as soon as the reduced copy exists."""
    orientation = image.getexif().get(0x0112, 1)
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info
    )
    mode = "RGBA" if has_alpha else ("L" if image.mode in ("1", "L") else "RGB")
    width, height = image.size
    scale = min(1, _kept_side(width, height, orientation) / max(width, height))
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    image.draft(None, size)  # JPEG only: decode at 1/2, 1/4 or 1/8 scale
    image.load()
    if image.mode not in RESAMPLED_MODES:
        converted = image.convert(mode)
        image.close()
        image = converted
    small = _resized(image, size) if image.size != size else image
    if small is not image:
        image.close()
    small = small.transpose(UPRIGHT[orientation]) if orientation in UPRIGHT else small
    if small.mode != mode:
        small = small.convert(mode)
    clean = Image.new(mode, small.size)
    clean.paste(small)
    return clean


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
    elif fmt == "WEBP":
        image.save(buffer, "WEBP", quality=WEBP_QUALITY, method=4)
    elif fmt == "GIF":
        image.save(buffer, "GIF")
    else:
        image.save(buffer, fmt)
    return buffer.getvalue()


def _widths(flat):
    """Each rendition of the photo: (width, JPEG, WebP) for every width in WIDTHS
    it can fill, or its own width when it is narrower (never blown up)."""
    widest = min(flat.width, WIDTHS[-1])
    widths = [w for w in WIDTHS if w < widest] + [widest]
    made = []
    for width in widths:
        copy = flat.copy()
        copy.thumbnail((width, width * MAX_ASPECT), Image.Resampling.LANCZOS)
        made.append((copy.size, _encode(copy, "JPEG"), _encode(copy, "WEBP")))
    return made


def _renditions(file):
    image = _opened(file)
    fmt = image.format
    clean = _reduced(image)
    image.close()
    # A JPEG has no alpha, so `clean` is already RGB or L for it.
    flat = _flatten(clean)
    display = flat.copy()
    if display.width > DISPLAY_WIDTH:
        display.thumbnail((DISPLAY_WIDTH, DISPLAY_WIDTH * 4), Image.Resampling.LANCZOS)
    share = ImageOps.fit(flat, SHARE_SIZE, Image.Resampling.LANCZOS)
    return (
        fmt,
        _encode(clean, fmt),
        _encode(display, "JPEG"),
        _encode(share, "JPEG"),
        clean.size,
        _widths(flat),
    )


def photo_renditions(file):
    """(original format, cleaned kept copy, display JPEG, share JPEG, size of the
    kept copy, [(size, JPEG, WebP) of each width]) for an upload, or
    PhotoRejected. Pure: nothing is stored."""
    with warnings.catch_warnings():
        # Pillow only warns between its limit and twice it; refuse those too.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            return _renditions(file)
        except PhotoRejected:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise PhotoRejected(TOO_MANY_PIXELS, code="too_many_pixels") from exc
        except Exception as exc:
            # Whatever a decoder or encoder makes of hostile bytes (OSError,
            # ValueError, SyntaxError, MemoryError...), the editor gets a
            # refusal, never a 500; the log keeps the cause.
            logger.warning("photo refused as broken: %r", exc)
            raise PhotoRejected(BROKEN, code="broken") from exc
