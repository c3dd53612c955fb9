"""The legacy PHP site's article pages: reading their text dumps."""

from articles.legacy.errors import LegacyPageError
from articles.legacy.parser import LegacyPage, parse_page

__all__ = ["LegacyPage", "LegacyPageError", "parse_page"]
