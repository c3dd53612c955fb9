"""Review: a reporter submits, an editor approves (publishes or schedules) or
returns the article with a note. One service per transition, each recorded in
the history and mailed, once the transaction commits, to those concerned: the
agency's editors on submit, the reporter on approval or return.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import Membership
from accounts.permissions import require_change, require_editor
from articles.models import Article, ArticleEvent
from articles.pagecache.invalidation import pages_invalidate
from articles.services.articles import article_publish, article_schedule
from articles.thai import format_thai_datetime

SUBMITTABLE = (Article.Status.DRAFT, Article.Status.RETURNED)
NOT_SUBMITTED = "ข่าวนี้ไม่ได้อยู่ในสถานะรอตรวจ"
CORRECTION_NOTE_REQUIRED = "การแก้ไขข้อเท็จจริงต้องมีหมายเหตุที่จะแสดงต่อผู้อ่าน"


def _locked(article):
    return Article.objects.select_for_update().get(pk=article.pk)


def _desk_link(article):
    base = getattr(settings, "NEWSROOM_BASE_URL", "").rstrip("/")
    return base + reverse("desk:edit", kwargs={"pk": article.pk})


def _mail_later(*, subject, body, to):
    """Send once the transition is committed; never for a rolled-back one."""
    to = sorted({address for address in to if address})
    if to:
        transaction.on_commit(
            lambda: send_mail(subject, body, None, to, fail_silently=True)
        )


def agency_editor_addresses(agency_id):
    return Membership.objects.filter(
        agency_id=agency_id, role=Membership.Role.EDITOR, user__is_active=True
    ).values_list("user__email", flat=True)


@transaction.atomic
def article_submit(*, article: Article, user) -> Article:
    """A draft (or a returned article) goes to the agency's editors for review."""
    require_change(user, article)
    article = _locked(article)
    if article.status not in SUBMITTABLE:
        raise ValidationError({None: "ส่งตรวจได้เฉพาะฉบับร่างหรือข่าวที่ถูกส่งกลับแก้ไข"})
    reporter = article.reporter or user
    Article.objects.filter(pk=article.pk).update(
        status=Article.Status.SUBMITTED, reporter=reporter, updated_at=timezone.now()
    )
    article.refresh_from_db()
    ArticleEvent.objects.create(
        article=article, user=user, action=ArticleEvent.Action.SUBMITTED
    )
    _mail_later(
        subject=f"ข่าวรอตรวจ: {article.title}",
        body=(
            f"{user.display_name} ส่งข่าว “{article.title}” ให้ตรวจ\n"
            f"ตรวจและอนุมัติได้ที่ {_desk_link(article)}\n"
        ),
        to=agency_editor_addresses(article.agency_id),
    )
    return article


@transaction.atomic
def article_return(*, article: Article, user, note: str) -> Article:
    """Send a submitted article back to its reporter with the editor's note."""
    require_editor(user, article.agency_id)
    note = " ".join((note or "").split())
    if not note:
        raise ValidationError({"review_note": "กรุณาเขียนหมายเหตุว่าต้องแก้ไขอะไร"})
    article = _locked(article)
    if article.status != Article.Status.SUBMITTED:
        raise ValidationError({None: NOT_SUBMITTED})
    Article.objects.filter(pk=article.pk).update(
        status=Article.Status.RETURNED, review_note=note, updated_at=timezone.now()
    )
    article.refresh_from_db()
    ArticleEvent.objects.create(
        article=article, user=user, action=ArticleEvent.Action.RETURNED, detail=note
    )
    _mail_later(
        subject=f"ข่าวถูกส่งกลับแก้ไข: {article.title}",
        body=(
            f"{user.display_name} ส่งข่าว “{article.title}” กลับให้แก้ไข\n"
            f"หมายเหตุ: {note}\n"
            f"แก้ไขแล้วส่งตรวจอีกครั้งได้ที่ {_desk_link(article)}\n"
        ),
        to=[article.reporter.email if article.reporter_id else ""],
    )
    return article


@transaction.atomic
def article_approve(*, article: Article, user, published_at=None, now=None) -> Article:
    """Approve a submitted article: publish it now, or at `published_at`. The
    approving editor becomes `Article.editor` (the public บรรณาธิการ line)."""
    require_editor(user, article.agency_id)
    locked = _locked(article)
    if locked.status != Article.Status.SUBMITTED:
        raise ValidationError({None: NOT_SUBMITTED})
    if published_at is None:
        article = article_publish(article=locked, user=user, now=now)
    else:
        article = article_schedule(
            article=locked, user=user, published_at=published_at, now=now
        )
    Article.objects.filter(pk=article.pk).update(review_note="")
    article.refresh_from_db()
    ArticleEvent.objects.create(
        article=article, user=user, action=ArticleEvent.Action.APPROVED
    )
    _mail_later(
        subject=f"ข่าวได้รับอนุมัติ: {article.title}",
        body=(
            f"{user.display_name} อนุมัติข่าว “{article.title}” แล้ว\n"
            f"{_desk_link(article)}\n"
        ),
        to=[article.reporter.email if article.reporter_id else ""],
    )
    return article


@transaction.atomic
def article_end_set(*, article: Article, user, unpublish_at) -> Article:
    """Set (or clear) the time after which the article is no longer public:
    ArticleQuerySet.published compares it with the current time, no job runs."""
    require_editor(user, article.agency_id)
    article = _locked(article)
    if article.unpublish_at == unpublish_at:
        return article
    if unpublish_at is not None and article.published_at:
        if unpublish_at <= article.published_at:
            raise ValidationError({"unpublish_at": "เวลาสิ้นสุดต้องอยู่หลังเวลาเผยแพร่"})
    Article.objects.filter(pk=article.pk).update(
        unpublish_at=unpublish_at, updated_at=timezone.now()
    )
    article.refresh_from_db()
    # Its own cached page ends with it; the stored parts follow updated_at.
    pages_invalidate(article_pages=False)
    detail = "ไม่มีกำหนดสิ้นสุด"
    if unpublish_at is not None:
        detail = f"สิ้นสุดเมื่อ {format_thai_datetime(unpublish_at)}"
    ArticleEvent.objects.create(
        article=article, user=user, action=ArticleEvent.Action.END_SET, detail=detail
    )
    return article


@transaction.atomic
def article_correction_add(*, article: Article, user, note: str):
    """Record a correction of fact (its text already saved by article_update):
    the public page shows the note with its date, newest first."""
    from articles.models import ArticleCorrection

    require_editor(user, article.agency_id)
    note = " ".join((note or "").split())
    if not note:
        raise ValidationError({"correction_note": CORRECTION_NOTE_REQUIRED})
    correction = ArticleCorrection.objects.create(article=article, note=note, user=user)
    # The page's modified time (Open Graph) is the correction's.
    Article.objects.filter(pk=article.pk).update(updated_at=correction.at)
    pages_invalidate(article_pages=False)
    ArticleEvent.objects.create(
        article=article, user=user, action=ArticleEvent.Action.CORRECTED, detail=note
    )
    return correction
