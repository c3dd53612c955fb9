"""Highlighted snippets, cut at word boundaries.

A cut or a highlight never separates a Thai vowel or tone mark from its
consonant: edges move past combining marks, and a leading vowel (เ แ โ ใ ไ)
stays with the consonant after it.
"""

import re
import unicodedata

from django.utils.html import escape
from django.utils.safestring import mark_safe

from articles import thai

SNIPPET_LENGTH = 160
LEADING_VOWELS = "เแโใไ"


def _is_mark(char):
    return unicodedata.category(char).startswith("M")


def _widen(text, start, end):
    """Grow [start, end) to whole grapheme clusters."""
    while start > 0 and _is_mark(text[start]):
        start -= 1
    if start > 0 and text[start - 1] in LEADING_VOWELS:
        start -= 1
    while end < len(text) and _is_mark(text[end]):
        end += 1
    while end > start and end < len(text) and text[end - 1] in LEADING_VOWELS:
        end += 1
        while end < len(text) and _is_mark(text[end]):
            end += 1
    return start, end


def _spans(text, terms):
    """Merged [start, end) of every occurrence of any term (case-insensitive)."""
    folded = text.lower()
    if len(folded) != len(text):  # a character changed length when lowered
        folded = text
    spans = []
    for term in sorted(set(terms), key=len, reverse=True):
        for match in re.finditer(re.escape(term), folded):
            spans.append(_widen(text, match.start(), match.end()))
    spans.sort()
    merged = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def highlight(text, terms):
    """HTML of text with every term in <mark>, everything else escaped."""
    out, last = [], 0
    for start, end in _spans(text, terms):
        out.append(escape(text[last:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        last = end
    out.append(escape(text[last:]))
    return mark_safe("".join(out))


def _cut(text, start, end):
    """text[start:end] shrunk to whole words (segmented), with ellipses."""
    tokens = thai.segment(text[start:end], keep_whitespace=True)
    if start > 0 and len(tokens) > 1:
        tokens = tokens[1:]  # may be the tail of a word cut by the window
    if end < len(text) and len(tokens) > 1:
        tokens = tokens[:-1]
    piece = "".join(tokens).strip()
    return ("… " if start > 0 else "") + piece + (" …" if end < len(text) else "")


def html_around_first(html, terms, length=SNIPPET_LENGTH):
    """The stretch of stored HTML about its first term, cut clear of tags, or
    all of it when no term is found as it stands: a long body need not be
    turned to text (and normalised) for 160 characters of it."""
    lowered = html.lower()
    found = [i for i in (lowered.find(t) for t in terms if t) if i >= 0]
    if not found or len(lowered) != len(html):
        return html
    first = min(found)
    start, end = max(0, first - 4 * length), first + 4 * length
    piece = html[start:end]
    close = piece.find(">")
    if start > 0 and close != -1 and "<" not in piece[:close]:
        piece = piece[close + 1 :]  # the tail of a tag cut in two
    opening = piece.rfind("<")
    if end < len(html) and opening != -1 and ">" not in piece[opening:]:
        piece = piece[:opening]
    return piece


def _around_first(text, terms, length):
    """The part of the text about its first term, found before normalising:
    normalising a long body for 160 characters of it costs more than the
    search. Whole text when no term is found as it stands (Thai digits, say).
    The part reaches well past the snippet on both sides, so the cut edges
    never show and the ellipses stay right."""
    folded = text.lower()
    found = [i for i in (folded.find(t) for t in terms if t) if i >= 0]
    if not found or len(folded) != len(text):
        return text
    first = min(found)
    return text[max(0, first - length) : first + 2 * length]


def snippet(text, terms, length=SNIPPET_LENGTH):
    """About `length` characters of normalised text around the first term found,
    the terms highlighted; the opening of the text when no term occurs."""
    text = _around_first(" ".join(text.split()), terms, length)
    text = thai.normalize(text)
    if not text:
        return mark_safe("")
    spans = _spans(text, terms)
    first = spans[0][0] if spans else 0
    start = max(0, first - length // 3)
    end = min(len(text), start + length)
    start, end = _widen(text, start, end)
    return highlight(_cut(text, start, end), terms)
