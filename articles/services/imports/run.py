"""Walking files and folders and importing their pages, chunk by chunk."""

import os

from django.db import DatabaseError, connection

from articles import thai
from articles.legacy import LegacyPageError, parse_page
from articles.search.dictionary import ensure_agency_words
from articles.services.imports.cache import ImportCache
from articles.services.imports.chunk import chunk_import
from articles.services.imports.files import page_files, read_page
from articles.services.imports.page import PageOutcome, page_import
from articles.services.imports.prepare import Demand, prepared_pages

# Pages stored per transaction; their articles are looked up in one query.
CHUNK = 200


def default_workers():
    return min(2, os.cpu_count() or 1)


def _set_commits(*, fast):
    """Commits that write rather than wait for the disk, for this connection.

    A commit that waits for a disk sync costs more than a chunk's statements
    on this kind of disk. A power cut may lose the last pages committed, never
    corrupt the database, and the import is safe to run again. PostgreSQL:
    synchronous_commit off (and more work_mem) for this session, restored at
    the end. SQLite:
    synchronous=NORMAL in WAL mode; WAL stays on, which also lets the site's
    readers go on while a writer works.
    """
    if connection.in_atomic_block:
        return
    if connection.vendor == "postgresql":
        statements = ["SET synchronous_commit TO " + ("OFF" if fast else "DEFAULT")]
        # The search index's GIN indexes take new rows into a pending list, and
        # move it into the index in rounds of work_mem: the default 4 MB makes
        # that several times slower than a few rounds of 64 MB.
        statements.append("SET work_mem TO '64MB'" if fast else "RESET work_mem")
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


def _chunks(prepared):
    """Lists of at most CHUNK prepared pages; a page whose legacy ID is already
    in the chunk starts the next one, so it finds the first one stored."""
    chunk, ids = [], set()
    for page in prepared:
        legacy_id = None if page.failed else page.page.legacy_id
        if len(chunk) >= CHUNK or (legacy_id is not None and legacy_id in ids):
            yield chunk
            chunk, ids = [], set()
        chunk.append(page)
        if legacy_id is not None:
            ids.add(legacy_id)
    if chunk:
        yield chunk


def _dry_run(files, cache):
    for path in files:
        try:
            page = parse_page(read_page(path))
        except LegacyPageError as exc:
            yield PageOutcome(source=str(path), action="failed", reason=str(exc))
            continue
        cache.articles_prefetch([page.legacy_id])
        yield page_import(page=page, source=str(path), dry_run=True, cache=cache)


def pages_import(*, paths, dry_run=False, pattern="*", workers=None):
    """Import every page under paths: yields a PageOutcome per file, in order.

    Streams: files are read, parsed and segmented a few batches ahead (in
    `workers` processes), and stored CHUNK pages per transaction; nothing of
    earlier chunks is kept.
    """
    cache = ImportCache()
    files = page_files(paths, pattern=pattern)
    if dry_run:
        yield from _dry_run(files, cache)
        return
    # The workers inherit the dictionary, agencies' names included.
    ensure_agency_words()
    thai.segment("ก")
    workers = default_workers() if workers is None else workers
    _set_commits(fast=True)
    try:
        demand = Demand()
        for chunk in _chunks(prepared_pages(files, workers=workers, demand=demand)):
            outcomes = chunk_import(chunk, cache)
            written = sum(o.action in ("created", "updated") for o in outcomes)
            demand.chunk_done(len(chunk), written)
            yield from outcomes
    finally:
        _set_commits(fast=False)
