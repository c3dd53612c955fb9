"""Importing legacy page dumps: one transaction per page, idempotent by legacy ID.

The legacy ID is the page's publication time (YYMMDDHHMMSS), so importing a
page again finds its article and updates it; the read counter only ever goes
up, since the new site keeps counting after the first import.
"""

import hashlib
import os
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path

from django.db import DatabaseError, transaction
from django.utils.html import escape
from django.utils.text import slugify

from articles.legacy import LegacyPageError, parse_page
from articles.models import Agency, Article, ArticleEvent, Author, ReadTotal
from articles.sanitize import clean_html
from articles.services.articles import article_create
from articles.services.reads import read_total_ensure

# No legacy page comes near this; a bigger file is something else.
MAX_FILE_BYTES = 5 * 1024 * 1024
# Pages that print no agency belong to the Region 3 office that ran the site.
DEFAULT_AGENCY_SLUG = "region3"
KIND_PREFIXES = (
    ("ส.ปชส.", Agency.Kind.PROVINCIAL),
    ("ปชส.", Agency.Kind.PROVINCIAL),
    ("สวท.", Agency.Kind.RADIO),
    ("สปข.", Agency.Kind.REGIONAL),
    ("สทท.", Agency.Kind.TV),
    ("NBT", Agency.Kind.TV),
)


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


def _key(text):
    return "".join(text.split())


def paragraphs_html(paragraphs):
    return "".join(f"<p>{escape(p)}</p>" for p in paragraphs)


def _agency_slug(name):
    digest = hashlib.sha1(name.encode("utf-8")).hexdigest()[:8]
    ascii_part = slugify(name)[:40].strip("-")
    return f"legacy-{ascii_part}-{digest}" if ascii_part else f"legacy-{digest}"


def _agency_defaults(name):
    kind, province = Agency.Kind.PROVINCIAL, ""
    for prefix, prefix_kind in KIND_PREFIXES:
        if name.startswith(prefix):
            kind = prefix_kind
            if kind in (Agency.Kind.PROVINCIAL, Agency.Kind.RADIO):
                province = name[len(prefix) :].strip()[:60]
            break
    return {
        "full_name": name,
        "byline_name": name if len(name) <= 100 else "",
        "slug": _agency_slug(name),
        "kind": kind,
        "province": province,
        "is_active": False,
    }


class ImportCache:
    """Agencies and authors looked up once per run, not once per page.

    Rows made inside a page's transaction are only remembered once it commits:
    a page that fails takes its new agency or author with it.
    """

    def __init__(self):
        self._agencies = None
        self._authors = {}
        self._pending_agencies = {}
        self._pending_authors = {}
        # Dry runs store nothing, so they remember what they would have made.
        self.planned_agencies = set()
        self.planned_ids = {}

    def _agency_index(self):
        if self._agencies is None:
            index = {}
            agencies = list(Agency.objects.all())
            # Short names win over full names, full names over bylines.
            for attr in ("byline_name", "full_name", "short_name"):
                for agency in agencies:
                    if getattr(agency, attr):
                        index[_key(getattr(agency, attr))] = agency
            self._agencies = index
        return self._agencies

    def agency_lookup(self, name):
        return self._agency_index().get(_key(name))

    def agency_guess(self, *texts):
        """The agency whose name appears in the byline or editor, longest first;
        else the Region 3 office."""
        index = self._agency_index()
        keys = sorted(index, key=len, reverse=True)
        for text in texts:
            compact = _key(text)
            for key in keys:
                if key and key in compact:
                    return index[key]
        return next((a for a in index.values() if a.slug == DEFAULT_AGENCY_SLUG), None)

    def agency_create(self, name):
        agency, _ = Agency.objects.get_or_create(
            short_name=name, defaults=_agency_defaults(name)
        )
        self._pending_agencies[_key(name)] = agency
        return agency

    def author(self, byline, agency, *, create):
        if not byline:
            return None
        author = self._authors.get(byline) or self._pending_authors.get(byline)
        if author is None:
            if create:
                author, _ = Author.objects.get_or_create(
                    byline=byline, defaults={"agency": agency}
                )
                self._pending_authors[byline] = author
            else:
                author = Author.objects.filter(byline=byline).first()
        return author

    def commit(self):
        self._agency_index().update(self._pending_agencies)
        self._authors.update(self._pending_authors)
        self.rollback()

    def rollback(self):
        self._pending_agencies.clear()
        self._pending_authors.clear()


def _resolve_agency(page, cache, dry_run):
    """(agency or None in a dry run, name of a new agency or "")."""
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
    if _key(existing_title) != _key(page.title):
        raise ImportRefused(
            f"รหัสข่าวเดิม {page.legacy_id} เป็นของข่าวอื่นแล้ว («{existing_title[:60]}»)"
        )


def _changes(article, values):
    return {
        name: value for name, value in values.items() if getattr(article, name) != value
    }


def _record_import(article, source, detail):
    ArticleEvent.objects.create(
        article=article,
        action=ArticleEvent.Action.IMPORTED,
        detail=f"{detail}: {source}"[:300],
    )


def _page_write(*, page, source, cache, dry_run):
    legacy_id = page.legacy_id
    agency, new_agency = _resolve_agency(page, cache, dry_run)
    outcome = PageOutcome(
        source=source, action="", legacy_id=legacy_id, title=page.title
    )
    outcome.new_agency = new_agency
    existing = (
        Article.objects.select_related("reads").filter(legacy_id=legacy_id).first()
    )
    if existing is None and dry_run and legacy_id in cache.planned_ids:
        _check_same_page(cache.planned_ids[legacy_id], page)
        outcome.action = "updated"
        return outcome
    author = cache.author(page.byline, agency, create=not dry_run)
    values = {
        "title": page.title,
        "lead": clean_html(escape(page.lead)),
        "body": clean_html(paragraphs_html(page.paragraphs)),
        "agency_id": agency.pk if agency else None,
        "author_id": author.pk if author else None,
        "editor_name": page.editor,
        "published_at": page.published_at,
    }
    if existing is None:
        outcome.action = "created"
        if dry_run:
            cache.planned_ids[legacy_id] = page.title
            return outcome
        article = article_create(
            status=Article.Status.PUBLISHED,
            legacy_id=legacy_id,
            reads=page.reads or 0,
            event=ArticleEvent.Action.IMPORTED,
            **values,
        )
        ArticleEvent.objects.filter(article=article).update(
            detail=f"นำเข้าจาก: {source}"[:300]
        )
        outcome.article_id = article.pk
        return outcome

    _check_same_page(existing.title, page)
    outcome.article_id = existing.pk
    changes = _changes(existing, values)
    reads_up = page.reads is not None and page.reads > existing.read_count
    if not changes and not reads_up:
        outcome.action = "unchanged"
        return outcome
    outcome.action = "updated"
    if dry_run:
        return outcome
    if changes:
        for name, value in changes.items():
            setattr(existing, name, value)
        # A desk form opened before the import must not overwrite it unseen.
        existing.version += 1
        existing.save(update_fields=[*changes, "version", "updated_at"])
    if reads_up:
        # Only ever up: the new site may have counted past the legacy figure.
        raised = ReadTotal.objects.filter(
            article_id=existing.pk, total__lt=page.reads
        ).update(total=page.reads)
        if not raised:
            read_total_ensure(article_id=existing.pk, start=page.reads)
    _record_import(existing, source, "ปรับปรุงจาก")
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
    except ImportRefused as exc:
        cache.rollback()
        return PageOutcome(
            source=source,
            action="failed",
            legacy_id=page.legacy_id,
            title=page.title,
            reason=str(exc),
        )
    except DatabaseError as exc:
        cache.rollback()
        return PageOutcome(
            source=source,
            action="failed",
            legacy_id=page.legacy_id,
            title=page.title,
            reason=f"บันทึกลงฐานข้อมูลไม่ได้: {exc}".strip()[:300],
        )
    cache.commit()
    return outcome


def page_files(paths, *, pattern="*"):
    """Files to import, lazily: named files as given, folders walked in name
    order (hidden entries skipped, symlinked folders not followed)."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from _walk(path, pattern)
        else:
            yield path


def _walk(folder, pattern):
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError:
        yield folder  # reading it fails again, and is reported as a failure
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(Path(entry.path), pattern)
        elif entry.is_file() and fnmatch(entry.name.lower(), pattern.lower()):
            yield Path(entry.path)


def _read(path):
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise LegacyPageError(
                "file", None, f"ไฟล์ใหญ่เกิน {MAX_FILE_BYTES // 1024 // 1024} MB"
            )
        return path.read_bytes()
    except IsADirectoryError as exc:
        raise LegacyPageError("file", None, "เป็นโฟลเดอร์ที่เปิดไม่ได้") from exc
    except FileNotFoundError as exc:
        raise LegacyPageError("file", None, "ไม่พบไฟล์") from exc
    except OSError as exc:
        raise LegacyPageError(
            "file", None, f"อ่านไฟล์ไม่ได้ ({exc.strerror or exc})"
        ) from exc


def pages_import(*, paths, dry_run=False, pattern="*"):
    """Import every page under paths, one at a time: yields a PageOutcome per
    file, holding nothing of the pages already done."""
    cache = ImportCache()
    for path in page_files(paths, pattern=pattern):
        source = str(path)
        try:
            page = parse_page(_read(path))
        except LegacyPageError as exc:
            yield PageOutcome(source=source, action="failed", reason=str(exc))
            continue
        yield page_import(page=page, source=source, dry_run=dry_run, cache=cache)


__all__ = [
    "ImportCache",
    "PageOutcome",
    "page_files",
    "page_import",
    "pages_import",
    "paragraphs_html",
]
