"""PDF attachments: checked by their bytes, stored under a random name.

The name an editor's file had says nothing (a renamed .exe is still an .exe):
a file is accepted when it starts like a PDF and ends like one. Everything is
decided before a byte reaches storage, so a refused upload leaves nothing.
"""

import re
import uuid

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.permissions import require_change
from articles.models import ArticleEvent, Document
from articles.pagecache.invalidation import pages_invalidate

# Below the desk's 12 MB request limit (newsroom/body_limit.py), which also
# carries the form's other fields and the multipart framing.
MAX_BYTES = 10 * 1024 * 1024
MAX_PER_ARTICLE = 20
TITLE_LENGTH = 200
# "%PDF-1.7" or "%PDF-2.0" at the very start; "startxref" and "%%EOF" near the
# end (readers look for them there first; a truncated upload lacks them).
HEADER = re.compile(rb"%PDF-[12]\.[0-9]")
TAIL_BYTES = 2048

NOT_A_PDF = "ไฟล์นี้ไม่ใช่ PDF รองรับเฉพาะไฟล์ PDF (ตรวจจากเนื้อไฟล์ ไม่ใช่ชื่อไฟล์)"
BROKEN = "ไฟล์ PDF ไม่สมบูรณ์หรือเสียหาย โปรดบันทึกเป็น PDF ใหม่แล้วแนบอีกครั้ง"
TOO_LARGE = "ไฟล์ PDF ใหญ่เกิน 10 MB โปรดลดขนาดไฟล์ก่อนแนบ"
EMPTY = "ไฟล์ว่างเปล่า"
NO_TITLE = "กรุณาใส่ชื่อเอกสาร เช่น ประกาศรับสมัคร หรือ กำหนดการ"
LONG_TITLE = f"ชื่อเอกสารยาวได้ไม่เกิน {TITLE_LENGTH} ตัวอักษร"
TOO_MANY = f"ข่าวหนึ่งแนบเอกสารได้ไม่เกิน {MAX_PER_ARTICLE} ไฟล์"


class DocumentRejected(ValidationError):
    """An upload we do not keep; the message says why, in Thai."""


def pdf_check(file):
    """None when `file` is a whole PDF of at most MAX_BYTES, else
    DocumentRejected. Reads only its first bytes and its last TAIL_BYTES."""
    size = getattr(file, "size", None)
    if size is None or size > MAX_BYTES:
        raise DocumentRejected(TOO_LARGE, code="too_large")
    if size == 0:
        raise DocumentRejected(EMPTY, code="empty")
    file.seek(0)
    head = file.read(16)
    if not HEADER.match(head):
        raise DocumentRejected(NOT_A_PDF, code="format")
    file.seek(max(0, size - TAIL_BYTES))
    tail = file.read(TAIL_BYTES)
    file.seek(0)
    last_eof = tail.rfind(b"%%EOF")
    if last_eof < 0 or b"startxref" not in tail[:last_eof]:
        raise DocumentRejected(BROKEN, code="broken")
    # After the last %%EOF only line ends may follow (some writers add NULs).
    if tail[last_eof + 5 :].strip(b"\r\n\t \x00"):
        raise DocumentRejected(BROKEN, code="broken")


def title_clean(title):
    title = " ".join((title or "").replace("\x00", "").split())
    if not title:
        raise DocumentRejected(NO_TITLE, code="required")
    if len(title) > TITLE_LENGTH:
        raise DocumentRejected(LONG_TITLE, code="max_length")
    return title


@transaction.atomic
def document_create(*, article, user, title, file):
    """Attach the PDF `file` to `article` as `title` and return the Document.

    Refuses (DocumentRejected, in Thai) a missing title, a file that is not a
    whole PDF by its bytes, one over 10 MB, and a 21st attachment; PermissionDenied
    for a user who may not change the article."""
    require_change(user, article)
    title = title_clean(title)
    pdf_check(file)
    if article.documents.count() >= MAX_PER_ARTICLE:
        raise DocumentRejected(TOO_MANY, code="too_many")
    document = Document(article=article, title=title, size=file.size, uploaded_by=user)
    document.file.save(f"{uuid.uuid4().hex}.pdf", file, save=False)
    try:
        document.save()
    except Exception:
        document.file.storage.delete(document.file.name)
        raise
    ArticleEvent.objects.create(
        article=article,
        user=user,
        action=ArticleEvent.Action.EDITED,
        detail=f"แนบเอกสาร: {title}"[:300],
    )
    # The article's page lists its documents.
    pages_invalidate(article_pages=article.is_public)
    return document


@transaction.atomic
def document_delete(*, document, user):
    """Remove an attachment and, once the removal is committed, its file."""
    article = document.article
    require_change(user, article)
    storage, name = document.file.storage, document.file.name
    document.delete()
    ArticleEvent.objects.create(
        article=article,
        user=user,
        action=ArticleEvent.Action.EDITED,
        detail=f"ลบเอกสารแนบ: {document.title}"[:300],
    )
    pages_invalidate(article_pages=article.is_public)
    transaction.on_commit(lambda: storage.delete(name))
