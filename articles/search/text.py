"""From an article or a query to index terms: segmented, normalised, cleaned.

Documents and queries go through the same steps, so a query word meets the
document word it was cut from.
"""

import html
import re
import unicodedata

from django.utils.html import strip_tags

from articles import thai

MAX_QUERY_LENGTH = 200
MAX_QUERY_TERMS = 12
# Substring matching needs a trigram: shorter terms match whole words only.
MIN_SUBSTRING_LENGTH = 3
# A tsvector holds at most 1 MB; no news article comes near this.
MAX_FIELD_LENGTH = 200_000

_WORD_CATEGORIES = ("L", "N", "M")


def _is_word_char(char):
    return unicodedata.category(char)[0] in _WORD_CATEGORIES


def clean_token(token):
    """The parts of a token made of letters, digits and marks, lower-cased.

    `ส.ปชส.พะเยา` gives `ส`, `ปชส`, `พะเยา`; punctuation, quotes, operators, NUL
    and emoji give nothing, so no query text ever reaches SQL or FTS syntax.
    """
    parts, current = [], []
    for char in token.lower():
        if _is_word_char(char):
            current.append(char)
        elif current:
            parts.append("".join(current))
            current = []
    if current:
        parts.append("".join(current))
    # A part that is only marks (a stray tone mark) is not a word.
    return [p for p in parts if any(unicodedata.category(c)[0] != "M" for c in p)]


def terms_of(text):
    """Index terms of text, in order, repeats kept (frequency counts in ranking)."""
    words = []
    for token in thai.segment(text[:MAX_FIELD_LENGTH]):
        words.extend(clean_token(token))
    return words


# Ends of blocks become spaces, so words of two paragraphs do not run together.
BLOCK_END = re.compile(
    r"<(?:/p|br|/li|/h[1-6]|/div|/td|/th|/tr|/blockquote)\b[^>]*>", re.I
)


def plain_text(value):
    """Visible text of stored HTML (the body and lead are sanitised HTML)."""
    text = html.unescape(strip_tags(BLOCK_END.sub(" ", value or "")))
    return " ".join(text.split())


def normalized(text):
    return thai.normalize(text).lower()


def query_terms(query):
    """Distinct terms of a search box entry, at most MAX_QUERY_TERMS."""
    query = (query or "")[:MAX_QUERY_LENGTH]
    seen = []
    for term in terms_of(query):
        if term not in seen:
            seen.append(term)
    return seen[:MAX_QUERY_TERMS]
