"""Photo uploads: checked and rendered in memory (articles/photo_images.py),
then stored with every rendition at once.

Everything is decided in memory before a byte reaches storage, so a refused
upload leaves nothing on disk; if storing fails half-way, what was written goes.
"""

import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max

from accounts.permissions import require_change
from articles.models import Article, Photo
from articles.pagecache.invalidation import pages_invalidate
from articles.photo_images import FORMATS, PhotoRejected, photo_renditions

__all__ = [
    "PhotoRejected",
    "photo_create",
    "photo_store",
    "photos_add",
    "photos_missing_alt",
    "photos_shown",
    "photos_update",
]


def _files(stem, fmt, original, display, share, widths):
    """(field or None, storage name, bytes) of everything an upload stores."""
    yield "image", f"{stem}.{FORMATS[fmt]}", original
    yield "display", f"{stem}-display.jpg", display
    yield "share", f"{stem}-share.jpg", share
    for (width, _), jpeg, webp in widths:
        yield None, f"{stem}-{width}.jpg", jpeg
        yield None, f"{stem}-{width}.webp", webp


@transaction.atomic
def photo_create(*, file, article, user, alt="", caption="", credit=""):
    """Store an accepted upload for `article` (in its agency), last in its order
    and its lead photo if it had none, and return the Photo.

    Refuses with PhotoRejected (Thai message) anything that is not a real JPEG,
    PNG, WebP or GIF of at most 10 MB, 12,000 px a side, 40 megapixels (24 for
    PNG, GIF and WebP) and an aspect ratio of 20:1. The kept copy is at most
    KEPT_SIDE px on its longest side (more only for a thin photo's share picture).
    Every rendition is written here, once: pages only point at them.
    """
    if user is not None and not user.can_edit_agency(article.agency_id):
        raise PermissionDenied("ไม่มีสิทธิ์อัปโหลดภาพให้ข่าวของหน่วยงานนี้")
    return photo_store(
        rendered=photo_renditions(file),
        article=article,
        user=user,
        alt=alt,
        caption=caption,
        credit=credit,
    )


@transaction.atomic
def photo_store(*, rendered, article, user, alt="", caption="", credit=""):
    """Store what photo_renditions made of an upload (see photo_create, which
    checks the user; the demo content calls this with its own pictures)."""
    fmt, original, display, share, (width, height), widths = rendered
    last = article.photos.aggregate(last=Max("position"))["last"]
    photo = Photo(
        agency_id=article.agency_id,
        article=article,
        width=width,
        height=height,
        alt=" ".join((alt or "").split())[:300],
        caption=" ".join((caption or "").split())[:500],
        credit=" ".join((credit or "").split())[:200],
        position=0 if last is None else last + 1,
        uploaded_by=user,
    )
    storage = photo.image.storage
    written = []
    try:
        # One folder and stem for all of a photo's files, as the field would
        # name its own upload.
        stem = photo.image.field.generate_filename(photo, f"{uuid.uuid4().hex}.x")
        stem = stem.rsplit(".", 1)[0]
        for field, name, content in _files(stem, fmt, original, display, share, widths):
            name = storage.save(name, ContentFile(content))
            written.append(name)
            if field is not None:
                setattr(photo, field, name)
        names = iter(written[3:])
        photo.renditions = [
            {"width": w, "height": h, "jpeg": next(names), "webp": next(names)}
            for (w, h), _, _ in widths
        ]
        photo.save()
        # Only when it has none: an editor's choice is never replaced.
        Article.objects.filter(pk=article.pk, lead_photo__isnull=True).update(
            lead_photo=photo
        )
        # A draft's photos show on no public page yet.
        pages_invalidate(article_pages=article.is_public)
    except Exception:
        for name in written:
            storage.delete(name)
        raise
    return photo


# At most this many files in one upload: Django refuses more
# (DATA_UPLOAD_MAX_NUMBER_FILES), and the desk's body limit is 12 MB in all.
MAX_FILES = 10


def photos_add(*, files, article, user):
    """Store each upload of a multiple file input on its own: a refused file is
    named with its reason and the others (and every photo stored before) stay.
    Returns (the stored photos, [(file name, Thai reason), ...])."""
    require_change(user, article)
    if not files:
        return [], [("", "กรุณาเลือกไฟล์ภาพอย่างน้อยหนึ่งไฟล์")]
    if len(files) > MAX_FILES:
        return [], [("", f"เลือกได้ครั้งละไม่เกิน {MAX_FILES} ภาพ")]
    stored, refused = [], []
    for file in files:
        try:
            stored.append(photo_create(file=file, article=article, user=user))
        except PhotoRejected as refusal:
            refused.append((file.name, " ".join(refusal.messages)))
    return stored, refused


@transaction.atomic
def photos_update(*, article, user, rows, lead_id):
    """Save the desk's photo panel: each photo's alt text, caption, credit and
    place in the order (rows: dicts with "id"), and the lead photo. Positions
    are renumbered 0, 1, 2... in the order asked for, ties by upload order."""
    require_change(user, article)
    photos = {p.pk: p for p in article.photos.select_for_update()}
    if lead_id is not None and lead_id not in photos:
        raise ValidationError({"lead": "ภาพนำต้องเป็นภาพของข่าวนี้"})
    for row in rows:
        photo = photos.get(row["id"])
        if photo is None:
            raise ValidationError("ภาพนี้ไม่ได้เป็นของข่าวนี้แล้ว โปรดโหลดหน้าใหม่")
        for name in ("alt", "caption", "credit", "position"):
            setattr(photo, name, row[name])
    ordered = sorted(photos.values(), key=lambda p: (p.position, p.pk))
    for position, photo in enumerate(ordered):
        photo.position = position
    Photo.objects.bulk_update(ordered, ["alt", "caption", "credit", "position"])
    if lead_id is None and ordered:
        lead_id = ordered[0].pk  # none chosen: the first
    Article.objects.filter(pk=article.pk).update(lead_photo=lead_id)
    article.lead_photo_id = lead_id
    pages_invalidate(article_pages=article.is_public)
    return ordered


def photos_shown(article, photos=None):
    """(lead photo, gallery photos) as the article page shows them: a photo
    placed in the body (through the editor's image dialog) is shown there, not
    again above or below it. `photos`: the article's, when already fetched."""
    photos = article.photos.all() if photos is None else photos
    photos = [p for p in photos if p.display.name]
    body = article.body or ""
    outside = [p for p in photos if p.display.url not in body]
    lead = next((p for p in outside if p.pk == article.lead_photo_id), None)
    return lead, [p for p in outside if p is not lead]


def photos_missing_alt(article):
    """Positions (from 1) of the photos shown outside the body without alt text:
    publishing waits for them, as for a photo in the body."""
    lead, gallery = photos_shown(article)
    shown = ([lead] if lead else []) + gallery
    return [n for n, photo in enumerate(shown, 1) if not photo.alt.strip()]
