"""What changed between two revisions, word by word as Thai is read.

Thai has no spaces between words, so a character diff cuts words apart and a
whitespace diff marks a whole sentence changed for one word. The text is cut
by the segmenter (articles.thai.segment, which keeps the whitespace so the
tokens join back exactly) and compared with difflib over those tokens.
"""

import re
from difflib import SequenceMatcher
from html import unescape

from django.utils.html import strip_tags

from articles.thai import segment

_BLOCK_END = re.compile(r"(?i)</(p|div|h[1-6]|li|blockquote|figure|tr)>|<br\s*/?>")
_IMAGE = re.compile(r"(?i)<img\b[^>]*>")
_ALT = re.compile(r'(?i)\balt\s*=\s*"([^"]*)"')

FIELDS = (
    ("title", "หัวข้อข่าว"),
    ("lead", "ความนำ"),
    ("body", "เนื้อข่าว"),
    ("byline", "ข่าวโดย"),
)


def _image_text(match):
    alt = _ALT.search(match.group(0))
    return f"[ภาพ: {unescape(alt.group(1)) if alt else 'ไม่มีคำอธิบาย'}]"


def text_of(html: str) -> str:
    """The readable text of stored HTML: one line a paragraph, photos by alt."""
    text = _IMAGE.sub(_image_text, html or "")
    text = unescape(strip_tags(_BLOCK_END.sub("\n", text)))
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _tokens(text: str) -> list[str]:
    tokens = []
    for n, line in enumerate(text.split("\n")):
        if n:
            tokens.append("\n")
        tokens.extend(segment(line, keep_whitespace=True))
    return tokens


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """(op, text) pieces, op being "equal", "delete" or "insert"."""
    a, b = _tokens(old), _tokens(new)
    pieces = []
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pieces.append(("equal", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(("delete", "".join(a[i1:i2])))
        if j2 > j1:
            pieces.append(("insert", "".join(b[j1:j2])))
    return pieces


def revisions_diff(old, new) -> list[dict]:
    """Per field of two revisions: its label, pieces and whether it changed."""
    rows = []
    for name, label in FIELDS:
        before, after = getattr(old, name), getattr(new, name)
        if name in ("lead", "body"):
            before, after = text_of(before), text_of(after)
        pieces = word_diff(before, after)
        changed = any(op != "equal" for op, _ in pieces)
        rows.append({"label": label, "pieces": pieces, "changed": changed})
    return rows
