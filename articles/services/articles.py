"""Creating and changing articles.

Every change writes an ArticleEvent, so the desk and the admin can say who did
what and when. Nothing here deletes text: taking an article down is unpublishing.
"""

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from accounts.permissions import require_change, require_editor, require_member
from articles.models import Article, ArticleEvent, Author
from articles.pagecache.invalidation import pages_invalidate
from articles.reads import read_total_ensure
from articles.sanitize import clean_html
from articles.services.photos import photos_missing_alt
from articles.services.related import related_store_later
from articles.services.revisions import revision_record, revision_record_before
from articles.thai import format_thai_datetime

# The fields an editor changes through the desk form; status and time change only
# through the publish, schedule and unpublish actions.
CONTENT_FIELDS = (
    "title",
    "lead",
    "body",
    "agency",
    "author",
    "editor_name",
    "is_featured",
)

CONFLICT_MESSAGE = (
    "ข่าวนี้ถูกแก้ไขโดยผู้อื่นหลังจากที่คุณเปิดแบบฟอร์ม การบันทึกของคุณจึงไม่ถูกนำไปใช้ "
    "เพื่อไม่ให้ทับงานของผู้อื่น โปรดเปิดข่าวใหม่อีกครั้ง แล้วแก้ไขซ้ำ"
)


class EditConflict(ValidationError):
    """The article changed since the editor loaded it; their save is refused."""

    def __init__(self):
        super().__init__(CONFLICT_MESSAGE, code="conflict")


def _check_agency(user, agency_id):
    # Views scope their querysets already; this guards every other caller.
    require_member(user, agency_id)


def author_for_byline(*, byline, agency):
    """The Author printed as `byline`, created on first use; None when blank."""
    byline = " ".join((byline or "").split())
    if not byline:
        return None
    author, _ = Author.objects.get_or_create(byline=byline, defaults={"agency": agency})
    return author


@transaction.atomic
def article_create(
    *, user=None, reads=0, event=ArticleEvent.Action.CREATED, topics=None, **fields
):
    """Create an article with its read counter (starting at `reads`) and history."""
    article = Article.objects.create(**fields)
    if topics:
        article.topics.set(topics)
    read_total_ensure(article_id=article.pk, start=reads)
    ArticleEvent.objects.create(article=article, user=user, action=event)
    revision_record(article=article, user=user)
    # A new article shows on lists, on no other article's page.
    pages_invalidate(article_pages=False)
    if article.status == Article.Status.PUBLISHED:  # the importer, seed_demo
        related_store_later(article_id=article.pk)
    return article


def _content(fields, *, agency=None):
    """The content fields given, with a typed byline turned into its Author (of
    the article's agency when a new one is needed)."""
    changes = {key: fields[key] for key in CONTENT_FIELDS if key in fields}
    if "byline" in fields:
        changes["author"] = author_for_byline(
            byline=fields["byline"], agency=changes.get("agency") or agency
        )
    return changes


@transaction.atomic
def article_draft_create(*, user, **fields):
    """A new draft written on the desk by `user`, for one of their agencies.

    `fields` are the content fields; `byline` may stand for `author`."""
    _check_agency(user, fields["agency"].pk)
    return article_create(
        user=user,
        status=Article.Status.DRAFT,
        reporter=user,
        topics=fields.get("topics"),
        **_content(fields),
    )


def _differs(stored, changes):
    """True when `changes` would change the article as `stored`."""
    for key, value in changes.items():
        if key in ("agency", "author"):
            if getattr(stored, f"{key}_id") != (value.pk if value else None):
                return True
        elif getattr(stored, key) != value:
            return True
    return False


def _topics_differ(article, fields):
    """True when `fields` carry topics other than the article's."""
    if "topics" not in fields:
        return False
    stored = set(article.topics.values_list("pk", flat=True))
    return stored != {topic.pk for topic in fields["topics"] or ()}


@transaction.atomic
def article_update(*, article, user, version, detail="", **fields):
    """Save the editor's content if nobody saved since they loaded `version`.

    One conditional UPDATE ... WHERE version = n: of two editors who loaded the
    same version, the second to save matches no row and gets EditConflict, and
    the first one's text stays as it was saved.
    """
    require_change(user, article)
    changes = _content(fields, agency=article.agency)
    if changes.get("agency") is not None:
        _check_agency(user, changes["agency"].pk)
    for key in ("lead", "body"):
        if key in changes:
            changes[key] = clean_html(changes[key])
    current = Article.objects.filter(pk=article.pk, version=version)
    # As stored before this save: compared with the changes, and kept as the
    # revision before them.
    before = Article.objects.select_related("author").get(pk=article.pk)
    if not _differs(before, changes) and not _topics_differ(article, fields):
        # Nothing to store (an action pressed on an untouched form), but the
        # form must still be of the current version: acting on text the editor
        # has not seen is refused like saving over it.
        if not current.exists():
            raise EditConflict()
        return article
    updated = current.update(
        **changes, version=F("version") + 1, updated_at=timezone.now()
    )
    if not updated:
        raise EditConflict()
    if "topics" in fields:
        article.topics.set(fields["topics"])
    # Its own page follows updated_at; other articles' related news show its
    # title and photo only while it is public.
    pages_invalidate(article_pages=before.is_public)
    related_store_later(article_id=article.pk)
    ArticleEvent.objects.create(
        article=article, user=user, action=ArticleEvent.Action.EDITED, detail=detail
    )
    revision_record_before(article=before)
    article.refresh_from_db()
    revision_record(article=article, user=user, note=detail)
    return article


def _locked(article):
    # Re-read under a row lock: two status changes at once apply one after the
    # other, each seeing the other's result.
    return Article.objects.select_for_update().get(pk=article.pk)


def _require_content(article):
    errors = {}
    if not article.title.strip():
        errors["title"] = "กรุณากรอกหัวข้อข่าวก่อนเผยแพร่"
    if not clean_html(article.body).strip():
        errors["body"] = "กรุณากรอกเนื้อข่าวก่อนเผยแพร่"
    missing = [
        n for n, alt in enumerate(photo_alts(article.body), 1) if not alt.strip()
    ]
    if missing and "body" not in errors:
        errors["body"] = (
            f"ภาพที่ {', '.join(map(str, missing))} ยังไม่มี"
            "คำอธิบายภาพสำหรับผู้พิการทางสายตา โปรดใส่ก่อนเผยแพร่"
        )
    unlabelled = photos_missing_alt(article)
    if unlabelled:
        errors["__all__"] = (
            f"ภาพของข่าวลำดับที่ {', '.join(map(str, unlabelled))} ยังไม่มี"
            "คำอธิบายภาพสำหรับผู้พิการทางสายตา โปรดใส่ในส่วนภาพของข่าวก่อนเผยแพร่"
        )
    if errors:
        raise ValidationError(errors)


_IMG = re.compile(r"(?i)<img\b[^>]*>")
_ALT = re.compile(r'(?i)\balt\s*=\s*"([^"]*)"')


def photo_alts(html):
    """The alt text of each photo in stored (sanitised, double-quoted) HTML."""
    alts = []
    for tag in _IMG.findall(html or ""):
        alt = _ALT.search(tag)
        alts.append(alt.group(1) if alt else "")
    return alts


def _set_status(article, *, status, published_at, editor=None):
    # Status changes leave `version` alone: they do not touch the text another
    # editor may be correcting, so they must not refuse that editor's save.
    # Publishing or scheduling is approving: the editor who does it is recorded.
    approved = {"editor": editor} if editor is not None else {}
    Article.objects.filter(pk=article.pk).update(
        status=status, published_at=published_at, updated_at=timezone.now(), **approved
    )
    article.refresh_from_db()


@transaction.atomic
def article_publish(*, article, user, now=None):
    """Publish now. A correction republished keeps its original (past) time."""
    require_editor(user, article.agency_id)
    article = _locked(article)
    _require_content(article)
    now = now or timezone.now()
    was_public = article.is_public
    when = article.published_at
    if when is None or when > now:
        when = now
    _set_status(
        article, status=Article.Status.PUBLISHED, published_at=when, editor=user
    )
    pages_invalidate(article_pages=was_public)
    related_store_later(article_id=article.pk)
    ArticleEvent.objects.create(
        article=article, user=user, action=ArticleEvent.Action.PUBLISHED
    )
    return article


@transaction.atomic
def article_schedule(*, article, user, published_at, now=None):
    """Publish at a future time: the public pages show it from then on by
    themselves (ArticleQuerySet.published compares with the current time)."""
    require_editor(user, article.agency_id)
    now = now or timezone.now()
    if published_at is None or published_at <= now:
        raise ValidationError({"published_at": "เวลาเผยแพร่ต้องเป็นเวลาในอนาคต"})
    article = _locked(article)
    _require_content(article)
    was_public = article.is_public
    _set_status(
        article, status=Article.Status.PUBLISHED, published_at=published_at, editor=user
    )
    pages_invalidate(article_pages=was_public)
    related_store_later(article_id=article.pk)
    ArticleEvent.objects.create(
        article=article,
        user=user,
        action=ArticleEvent.Action.SCHEDULED,
        detail=f"เผยแพร่เมื่อ {format_thai_datetime(published_at)}",
    )
    return article


@transaction.atomic
def article_unpublish(*, article, user):
    """Take the article off the public pages; its text and time are kept."""
    require_editor(user, article.agency_id)
    article = _locked(article)
    _set_status(
        article, status=Article.Status.UNPUBLISHED, published_at=article.published_at
    )
    pages_invalidate()
    ArticleEvent.objects.create(
        article=article, user=user, action=ArticleEvent.Action.UNPUBLISHED
    )
    return article
