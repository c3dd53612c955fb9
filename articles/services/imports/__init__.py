"""Importing legacy page dumps: one transaction per page, idempotent by legacy ID.

The legacy ID is the page's publication time (YYMMDDHHMMSS), so importing a
page again finds its article and updates it; the read counter only ever goes
up, since the new site keeps counting after the first import.

files.py finds and reads the files; prepare.py parses and segments them in
worker processes; chunk.py stores a chunk of pages per transaction, in bulk;
page.py plans and stores one page (and is the way back, page by page, when
the database refuses a chunk); cache.py remembers agencies, authors and
articles looked up along the way; run.py ties these together.
"""

from articles.services.imports.cache import ImportCache
from articles.services.imports.files import page_files
from articles.services.imports.page import (
    PageOutcome,
    page_import,
    paragraphs_html,
)
from articles.services.imports.run import pages_import

__all__ = [
    "ImportCache",
    "PageOutcome",
    "page_files",
    "page_import",
    "pages_import",
    "paragraphs_html",
]
