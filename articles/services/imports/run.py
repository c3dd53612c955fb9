"""Walking files and folders and importing their pages one after another."""

import os
from fnmatch import fnmatch
from itertools import islice
from pathlib import Path

from django.db import DatabaseError, connection

from articles.legacy import LegacyPageError, parse_page
from articles.services.imports.cache import ImportCache
from articles.services.imports.page import PageOutcome, page_import

# No legacy page comes near this; a bigger file is something else.
MAX_FILE_BYTES = 5 * 1024 * 1024
# Pages parsed ahead, so their articles are looked up in one query.
BATCH = 200


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


def _parsed(path):
    try:
        return parse_page(_read(path))
    except LegacyPageError as exc:
        return exc


def _set_commits(*, fast):
    """Commits that write rather than wait for the disk, for this connection.

    The import commits once per page, and a commit that waits for a disk sync
    costs more than the page itself (8 ms on this kind of disk). A power cut
    may lose the last pages committed, never corrupt the database, and the
    import is safe to run again. PostgreSQL: synchronous_commit off for this
    session, restored at the end. SQLite: synchronous=NORMAL in WAL mode; WAL
    stays on, which also lets the site's readers go on while a writer works.
    """
    if connection.in_atomic_block:
        return
    if connection.vendor == "postgresql":
        statements = ["SET synchronous_commit TO " + ("OFF" if fast else "DEFAULT")]
    elif connection.vendor == "sqlite":
        statements = ["PRAGMA synchronous=" + ("NORMAL" if fast else "FULL")]
        if fast:
            statements.insert(0, "PRAGMA journal_mode=WAL")
    else:
        return
    try:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
    except DatabaseError:
        pass  # e.g. another process holds the SQLite file: the usual pace


def pages_import(*, paths, dry_run=False, pattern="*"):
    """Import every page under paths: yields a PageOutcome per file, in order.

    Streams: a batch of pages is parsed ahead (their articles are looked up in
    one query), and nothing of earlier batches is kept.
    """
    cache = ImportCache()
    files = page_files(paths, pattern=pattern)
    if not dry_run:
        _set_commits(fast=True)
    try:
        while batch := list(islice(files, BATCH)):
            parsed = [(str(path), _parsed(path)) for path in batch]
            cache.articles_prefetch(
                [p.legacy_id for _, p in parsed if not isinstance(p, Exception)]
            )
            for source, page in parsed:
                if isinstance(page, LegacyPageError):
                    yield PageOutcome(source=source, action="failed", reason=str(page))
                else:
                    yield page_import(
                        page=page, source=source, dry_run=dry_run, cache=cache
                    )
    finally:
        if not dry_run:
            _set_commits(fast=False)
