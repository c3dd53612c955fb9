"""Reading, parsing and segmenting pages ahead of the database writes.

A page's costly work needs no database: reading and decoding the file,
parsing it, cleaning its HTML and segmenting its title, lead and body for the
search index. Worker processes do it while this process writes the pages
before them; a bounded number of batches is in flight, so memory does not
grow with the number of files.
"""

import collections
import multiprocessing
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from django.utils.html import escape

from articles import thai
from articles.legacy import LegacyPageError, parse_page
from articles.sanitize import clean_html
from articles.search.indexing import text_parts
from articles.search.text import plain_text
from articles.services.imports.files import read_page

# Pages a worker takes at a time, and batches in flight per worker: more
# than a chunk in all, so the workers go on while a chunk is written.
BATCH = 20
AHEAD = 6


@dataclass
class PreparedPage:
    source: str
    page: object  # a LegacyPage, or the LegacyPageError that refused it
    lead: str = ""  # the lead and body as stored: escaped, cleaned HTML
    body: str = ""
    parts: dict | None = None  # indexing.text_parts of title, lead and body
    dictionary: int = 0  # thai.dictionary_version() the parts were cut with

    @property
    def failed(self):
        return isinstance(self.page, LegacyPageError)


def prepare(source, segment=True):
    """One file, read, parsed, cleaned and (if asked) segmented."""
    try:
        page = parse_page(read_page(Path(source)))
    except LegacyPageError as exc:
        return PreparedPage(source, exc)
    from articles.services.imports.page import paragraphs_html

    prepared = PreparedPage(
        source,
        page,
        lead=clean_html(escape(page.lead)),
        body=clean_html(paragraphs_html(page.paragraphs)),
    )
    return segmented(prepared) if segment else prepared


def segmented(prepared):
    """The page with its index parts cut with this process's dictionary."""
    prepared.parts = text_parts(
        title=prepared.page.title,
        lead=plain_text(prepared.lead),
        body=plain_text(prepared.body),
    )
    prepared.dictionary = thai.dictionary_version()
    return prepared


def _prepare_many(sources, segment):
    return [prepare(source, segment) for source in sources]


def _can_fork():
    return "fork" in multiprocessing.get_all_start_methods()


class Demand:
    """Whether pages are worth segmenting ahead: not when most of the last
    chunk was unchanged (a second run), since only pages written need their
    words; the writer segments any such page that comes without them."""

    segment = True

    def chunk_done(self, pages, written):
        self.segment = written * 10 > pages


def prepared_pages(files, *, workers, demand=None):
    """PreparedPage of each file, in order; with workers > 1, prepared in that
    many forked processes. The segmentation dictionary must be loaded first:
    the workers inherit it. When this process's dictionary grows (an unknown
    agency's name), later batches go to fresh workers, and the writer cuts
    again a page prepared before whose text holds one of the new words."""
    sources = (str(path) for path in files)
    demand = demand or Demand()
    if workers <= 1 or not _can_fork():
        yield from (prepare(source, demand.segment) for source in sources)
        return
    context = multiprocessing.get_context("fork")
    pool, version, retired = None, None, []
    pending = collections.deque()  # (pool, result), in file order
    try:
        while True:
            while len(pending) < workers * AHEAD:
                batch = list(islice(sources, BATCH))
                if not batch:
                    break
                if version != thai.dictionary_version():
                    if pool is not None:
                        pool.close()  # finishes what it was given
                        retired.append(pool)
                    version = thai.dictionary_version()
                    thai.segment("ก")  # loaded once here, not in each worker
                    pool = context.Pool(workers)
                work = (batch, demand.segment)
                pending.append((pool, pool.apply_async(_prepare_many, work)))
            if not pending:
                break
            yield from pending.popleft()[1].get()
            for old in [p for p in retired if all(p is not q for q, _ in pending)]:
                old.join()  # all its results taken: its workers have exited
                retired.remove(old)
    finally:
        for old in [*retired, pool]:
            if old is not None:
                old.terminate()
                old.join()
