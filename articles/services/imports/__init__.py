"""Importing legacy page dumps: one transaction per page, idempotent by legacy ID.

The legacy ID is the page's publication time (YYMMDDHHMMSS), so importing a
page again finds its article and updates it; the read counter only ever goes
up, since the new site keeps counting after the first import.

page.py stores one parsed page; run.py walks files and folders and imports
them one after another; cache.py remembers agencies, authors and articles
looked up along the way.
"""

from articles.services.imports.cache import ImportCache
from articles.services.imports.page import (
    PageOutcome,
    page_import,
    paragraphs_html,
)
from articles.services.imports.run import page_files, pages_import

__all__ = [
    "ImportCache",
    "PageOutcome",
    "page_files",
    "page_import",
    "pages_import",
    "paragraphs_html",
]
