"""Storing one parsed legacy page, in its own transaction."""

from dataclasses import dataclass, field

from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.html import escape

from articles.models import Article, ArticleEvent, ReadTotal
from articles.reads import read_total_ensure
from articles.sanitize import clean_html
from articles.services.articles import article_create
from articles.services.imports.cache import ImportCache, compact
from articles.thai import format_thai_datetime


class ImportRefused(Exception):
    """A page that parses but cannot be stored as it stands."""


@dataclass
class PageOutcome:
    source: str
    action: str  # created, updated, unchanged or failed
    legacy_id: str = ""
    article_id: int | None = None
    title: str = ""
    reason: str = ""
    new_agency: str = ""  # an unknown agency this page created (inactive)

    @property
    def failed(self):
        return self.action == "failed"


def paragraphs_html(paragraphs):
    return "".join(f"<p>{escape(p)}</p>" for p in paragraphs)


def _resolve_agency(page, cache, dry_run):
    """(agency, or None for one a dry run would create; its name if new)."""
    if not page.agency:
        agency = cache.agency_guess(page.byline, page.editor)
        if agency is None:
            raise ImportRefused("หน้านี้ไม่ระบุหน่วยงาน และไม่พบหน่วยงานเริ่มต้น")
        return agency, ""
    agency = cache.agency_lookup(page.agency)
    if agency is not None:
        return agency, ""
    if dry_run:
        first = page.agency not in cache.planned_agencies
        cache.planned_agencies.add(page.agency)
        return None, page.agency if first else ""
    return cache.agency_create(page.agency), page.agency


def _check_same_page(existing_title, page):
    # Pages printed without a time share 00:00:00, hence one legacy ID; a page
    # with another headline is another article, never an update of this one.
    if compact(existing_title) != compact(page.title):
        raise ImportRefused(
            f"รหัสข่าวเดิม {page.legacy_id} เป็นของข่าวอื่นแล้ว («{existing_title[:60]}»)"
        )


@dataclass
class PagePlan:
    """What storing a page writes, decided before any write: a new article
    (`existing` None), or the changes to an article imported before."""

    page: object
    source: str
    values: dict
    existing: Article | None = None
    changes: dict = field(default_factory=dict)
    reads_up: bool = False


def _create(plan, cache):
    article = article_create(
        status=Article.Status.PUBLISHED,
        legacy_id=plan.page.legacy_id,
        reads=plan.page.reads or 0,
        event=ArticleEvent.Action.IMPORTED,
        **plan.values,
    )
    cache.article_stored(article)
    return article


def reads_raise(existing, reads):
    """Only ever up: the new site may have counted past the legacy figure."""
    raised = ReadTotal.objects.filter(article_id=existing.pk, total__lt=reads).update(
        total=reads
    )
    if not raised:
        read_total_ensure(article_id=existing.pk, start=reads)
    if hasattr(existing, "reads"):  # for a later page of this run
        existing.reads.total = max(existing.reads.total, reads)


def update_event(existing, source):
    return ArticleEvent(
        article=existing,
        action=ArticleEvent.Action.IMPORTED,
        detail=f"ปรับปรุงจาก: {source}"[:300],
    )


def _update(plan):
    existing, changes = plan.existing, plan.changes
    if changes:
        for name, value in changes.items():
            setattr(existing, name, value)
        # A desk form opened before the import must not overwrite it unseen.
        existing.version += 1
        existing.save(update_fields=[*changes, "version", "updated_at"])
    if plan.reads_up:
        reads_raise(existing, plan.page.reads)
    update_event(existing, plan.source).save()


def page_values(page, agency, author, prepared=None):
    # The related rows themselves, not their ids: whatever runs on save (the
    # search index) reads them without a query of its own.
    return {
        "title": page.title,
        "lead": prepared.lead if prepared else clean_html(escape(page.lead)),
        "body": (
            prepared.body if prepared else clean_html(paragraphs_html(page.paragraphs))
        ),
        "agency": agency,
        "author": author,
        "editor_name": page.editor,
        "published_at": page.published_at,
    }


def page_plan(*, page, source, cache, dry_run, prepared=None):
    """(PageOutcome, PagePlan or None): what storing the page would do.

    Raises ImportRefused before anything is written; writes nothing itself
    but a new agency or author (in the caller's transaction).
    """
    legacy_id = page.legacy_id
    if page.published_at > timezone.now():
        # The legacy site is closed: a later date is a typing error, and the
        # article would silently wait, unseen, as if scheduled.
        when = format_thai_datetime(page.published_at)
        raise ImportRefused(f"วันที่เผยแพร่อยู่ในอนาคต ({when} เวลาประเทศไทย)")
    existing = cache.article(legacy_id)
    if existing is not None:
        _check_same_page(existing.title, page)
    planned = existing is None and dry_run and legacy_id in cache.planned_ids
    if planned:
        _check_same_page(cache.planned_ids[legacy_id], page)
    agency, new_agency = _resolve_agency(page, cache, dry_run)
    outcome = PageOutcome(
        source=source,
        action="updated" if planned else "created",
        legacy_id=legacy_id,
        title=page.title,
        new_agency=new_agency,
    )
    if planned:
        return outcome, None
    author = cache.author(page.byline, agency, create=not dry_run)
    values = page_values(page, agency, author, prepared)
    if existing is None:
        if dry_run:
            cache.planned_ids[legacy_id] = page.title
        return outcome, PagePlan(page=page, source=source, values=values)

    outcome.article_id = existing.pk
    compared = {**values, "agency_id": agency and agency.pk}
    compared["author_id"] = author and author.pk
    del compared["agency"], compared["author"]
    changes = {k: v for k, v in compared.items() if getattr(existing, k) != v}
    reads_up = page.reads is not None and page.reads > existing.read_count
    outcome.action = "updated" if changes or reads_up else "unchanged"
    if outcome.action == "unchanged":
        return outcome, None
    plan = PagePlan(page, source, values, existing, changes, reads_up)
    return outcome, plan


def _page_write(*, page, source, cache, dry_run):
    outcome, plan = page_plan(page=page, source=source, cache=cache, dry_run=dry_run)
    if plan is None or dry_run:
        return outcome
    if plan.existing is None:
        outcome.article_id = _create(plan, cache).pk
    else:
        _update(plan)
    return outcome


def page_import(*, page, source, dry_run=False, cache=None):
    """Store one parsed LegacyPage (or say what would happen, with dry_run) in
    its own transaction. Returns a PageOutcome; a refused page stores nothing."""
    cache = cache or ImportCache()
    try:
        if dry_run:
            return _page_write(page=page, source=source, cache=cache, dry_run=True)
        with transaction.atomic():
            outcome = _page_write(page=page, source=source, cache=cache, dry_run=False)
    except (ImportRefused, DatabaseError) as exc:
        cache.rollback([page.legacy_id])
        reason = str(exc)
        if isinstance(exc, DatabaseError):
            reason = f"บันทึกลงฐานข้อมูลไม่ได้: {exc}".strip()[:300]
        return PageOutcome(
            source=source,
            action="failed",
            legacy_id=page.legacy_id,
            title=page.title,
            reason=reason,
        )
    cache.commit()
    return outcome
