"""From an article or a query to index terms: segmented, normalised, cleaned.

Documents and queries go through the same steps, so a query word meets the
document word it was cut from.
"""

import html
import re

from django.utils.html import strip_tags

from articles import thai

MAX_QUERY_LENGTH = 200
MAX_QUERY_TERMS = 12
# Substring matching needs a trigram: shorter terms match whole words only.
MIN_SUBSTRING_LENGTH = 3
# A tsvector holds at most 1 MB; no news article comes near this.
MAX_FIELD_LENGTH = 200_000

# Letters and digits (str.isalnum), and the combining marks of Thai and of
# Latin: the same characters the FTS5 tokenizer keeps ('L* N* Co M*').
# A run of marks with no letter or digit (a stray tone mark) is not a word.
_MARKS = "\u0300-\u036f\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"
WORD = re.compile(f"[{_MARKS}]*[^\\W_](?:[^\\W_]|[{_MARKS}])*")


def clean_token(token):
    """The parts of a token made of letters, digits and marks, lower-cased.

    `ส.ปชส.พะเยา` gives `ส`, `ปชส`, `พะเยา`; punctuation, quotes, operators, NUL
    and emoji give nothing, so no query text ever reaches SQL or FTS syntax.
    """
    return WORD.findall(token.lower())


# Cleaned tokens by token: words recur, and a dictionary look-up costs a
# fraction of a regex pass. Cleared when full, so memory stays bounded.
_cleaned = {}
MAX_CLEANED = 100_000


def terms_of(text, *, normalized=False):
    """Index terms of text, in order, repeats kept (frequency counts in ranking)."""
    tokens = thai.segment(
        text[:MAX_FIELD_LENGTH], keep_whitespace=True, normalized=normalized
    )
    if len(_cleaned) > MAX_CLEANED:
        _cleaned.clear()
    terms = []
    for token in tokens:
        words = _cleaned.get(token)
        if words is None:
            words = _cleaned[token] = tuple(clean_token(token))
        terms.extend(words)
    return terms


# Ends of blocks become spaces, so words of two paragraphs do not run together.
BLOCK_END = re.compile(
    r"<(?:/p|br|/li|/h[1-6]|/div|/td|/th|/tr|/blockquote)\b[^>]*>", re.IGNORECASE
)


def plain_text(value):
    """Visible text of stored HTML (the body and lead are sanitised HTML)."""
    text = html.unescape(strip_tags(BLOCK_END.sub(" ", value or "")))
    return " ".join(text.split())


def query_terms(query):
    """Distinct terms of a search box entry, at most MAX_QUERY_TERMS."""
    query = (query or "")[:MAX_QUERY_LENGTH]
    seen = []
    for term in terms_of(query):
        if term not in seen:
            seen.append(term)
    return seen[:MAX_QUERY_TERMS]


# The text a query is looked for in: letters, digits and marks only, lower-cased,
# after normalize(). Whitespace, punctuation, the dots of abbreviations and the
# commas of thousands all go, so `ก.ก.ต.`, `กกต.` and `กกต`, `1,500` and `1500`,
# `ต่าง ๆ` and `ต่างๆ` are the same text; a dot between two digits stays
# (`72.35`, `PM2.5`, `08.30` keep their decimals). The abbreviation mark ฯ
# goes too (`ผู้ว่าฯ` is `ผู้ว่า`); the repetition mark ๆ stays. Documents and queries go
# through this one function.
_KEPT = re.compile(f"(?:[^\\W_\u0e2f]|[{_MARKS}])+|(?<=[0-9])\\.(?=[0-9])")
_THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"


def search_text(text, *, normalized=False):
    """The compact, comparable text of text (see _KEPT)."""
    if not normalized:
        text = thai.normalize(text or "")
    return "".join(_KEPT.findall(text.lower()))
