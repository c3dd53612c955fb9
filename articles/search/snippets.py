"""Highlighted snippets in the article's own characters, cut at word boundaries.

A query's units are compact text (text.search_text: no spaces, punctuation or
thousands commas, Arabic digits). Each is found in the article's text as it
stands by a pattern that lets those characters sit between its letters and
takes either kind of digit, so a snippet shows `๑,๕๐๐` where the article has
it and marks it whole. A cut or a highlight never separates a Thai vowel or
tone mark from its consonant: edges move past combining marks, and a leading
vowel (เ แ โ ใ ไ) stays with the consonant after it. A unit shorter than a
trigram is marked only where it is a whole word, and a single letter never.
"""

import functools
import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

from articles import thai
from articles.search.text import MIN_SUBSTRING_LENGTH

SNIPPET_LENGTH = 160
SLACK = 40  # characters segmented past each end of the snippet
LEADING_VOWELS = "เแโใไ"
_MARK_CHARS = "\u0300-\u036f\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"
_MARK = re.compile(f"[{_MARK_CHARS}]")
# What search_text() drops between two kept characters.
_BETWEEN = f"(?:[^\\w{_MARK_CHARS}]|\u0e2f)*"


def _is_mark(char):
    return bool(_MARK.match(char))


def _widen(text, start, end):
    """Grow [start, end) to whole character clusters."""
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


def _char_class(char):
    if char.isdigit() and char.isascii():
        return f"[{char}{chr(0x0E50 + int(char))}]"
    return re.escape(char)


@functools.lru_cache(maxsize=256)
def _pattern(unit):
    """A pattern finding the compact unit in text as written."""
    parts = [_char_class(c) for c in unit]
    return re.compile(_BETWEEN.join(parts), re.IGNORECASE)


def _boundaries(text):
    """Offsets where the segmenter cuts the text (its start and end included)."""
    cuts, offset = {0}, 0
    for token in thai.segment(text, keep_whitespace=True, normalized=True):
        offset += len(token)
        cuts.add(offset)
    return cuts


def _spans(text, units):
    """Merged [start, end) of every occurrence of any unit, whole clusters."""
    spans, cuts = [], None
    for unit in sorted({u for u in units if len(u) > 1}, key=len, reverse=True):
        for match in _pattern(unit).finditer(text):
            start, end = _widen(text, match.start(), match.end())
            if len(unit) < MIN_SUBSTRING_LENGTH:
                if cuts is None:
                    cuts = _boundaries(text)
                if start not in cuts or end not in cuts:
                    continue  # two letters inside another word
            spans.append((start, end))
    spans.sort()
    merged = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _marked(text, spans):
    out, last = [], 0
    for start, end in spans:
        out.append(escape(text[last:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        last = end
    out.append(escape(text[last:]))
    return mark_safe("".join(out))


def highlight(text, units):
    """HTML of text with every unit in <mark>, everything else escaped."""
    return _marked(text, _spans(text, units))


def _first(text, units):
    """Where the first unit occurs in text (a short one as a whole word)."""
    found, cuts = [], None
    for unit in filter(None, units):
        for match in _pattern(unit).finditer(text):
            if len(unit) >= MIN_SUBSTRING_LENGTH:
                found.append(match.start())
                break
            if cuts is None:
                cuts = _boundaries(text)
            if {*_widen(text, match.start(), match.end())} <= cuts:
                found.append(match.start())
                break
    return min(found) if found else None


def highlight_found(text, units):
    """Whether any unit occurs in text."""
    return _first(text, units) is not None


def html_around_first(html, units, length=SNIPPET_LENGTH):
    """The stretch of stored HTML about its first unit, cut clear of tags, or
    all of it when no unit is found: a long body need not be turned to text
    for 160 characters of it."""
    first = _first(html, units)
    if first is None:
        return html
    start, end = max(0, first - 4 * length), first + 4 * length
    piece = html[start:end]
    close = piece.find(">")
    if start > 0 and close != -1 and "<" not in piece[:close]:
        piece = piece[close + 1 :]  # the tail of a tag cut in two
    opening = piece.rfind("<")
    if end < len(html) and opening != -1 and ">" not in piece[opening:]:
        piece = piece[:opening]
    return piece


def snippet(text, units, length=SNIPPET_LENGTH):
    """About `length` characters of the text around the first unit found, cut
    at the segmenter's word boundaries, the units highlighted; the opening of
    the text when no unit occurs."""
    text = " ".join((text or "").split())
    if not text:
        return mark_safe("")
    first = _first(text, units) or 0
    # A stretch a little past the snippet on both sides, so that its own cut
    # edges (dropped with their tokens) never show; no longer, as segmenting
    # costs by the character.
    low = max(0, first - length // 3 - SLACK)
    high = min(len(text), low + length + 3 * SLACK)
    low, high = _widen(text, low, high)
    window = text[low:high]
    cuts = sorted(_boundaries(window))
    if low > 0 and len(cuts) > 2:
        cuts = cuts[1:]  # the first token may be the tail of a word
    if high < len(text) and len(cuts) > 2:
        cuts = cuts[:-1]
    want = first - low - length // 3
    start = max([c for c in cuts if c <= want], default=cuts[0])
    end = min([c for c in cuts if c >= start + length], default=cuts[-1])
    piece = window[start:end].strip()
    before = "… " if low + start > 0 else ""
    after = " …" if low + end < len(text) else ""
    return mark_safe(before + highlight(piece, units) + after)
