"""Thai: dates in the Buddhist Era, and word segmentation.

The only module that imports pythainlp, and only when text is first segmented:
a web worker that never segments does not pay for the dictionary.
"""

import os
import re
import threading
import unicodedata
from datetime import datetime
from zoneinfo import ZoneInfo

os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

BANGKOK = ZoneInfo("Asia/Bangkok")
BE_OFFSET = 543

FULL_MONTHS = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)  # fmt: skip
SHORT_MONTHS = (
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
    "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
)  # fmt: skip

THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")


def to_bangkok(value):
    return value.astimezone(BANGKOK)


def format_thai_datetime(value):
    """`14 มิถุนายน 2561 / 14:37:02` for an aware datetime, in Asia/Bangkok."""
    local = to_bangkok(value)
    month = FULL_MONTHS[local.month - 1]
    return f"{local.day} {month} {local.year + BE_OFFSET} / {local:%H:%M:%S}"


def format_thai_date(value):
    """`14 มิถุนายน 2561` for an aware datetime, in Asia/Bangkok."""
    local = to_bangkok(value)
    return f"{local.day} {FULL_MONTHS[local.month - 1]} {local.year + BE_OFFSET}"


def arabic_digits(text):
    return text.translate(THAI_DIGITS)


def _month_number(name):
    name = name.strip()
    if name in FULL_MONTHS:
        return FULL_MONTHS.index(name) + 1
    compact = name.replace(" ", "")
    for index, short in enumerate(SHORT_MONTHS):
        if compact == short or compact == short.rstrip("."):
            return index + 1
    return None


_MONTH_ALTERNATIVES = "|".join(
    re.escape(m) for m in sorted(FULL_MONTHS + SHORT_MONTHS, key=len, reverse=True)
)
_SHORT_BARE = "|".join(re.escape(m.rstrip(".")) for m in SHORT_MONTHS)
# [0-9], not \d: Thai digits are translated first, and no other script's digits
# belong in a Thai date. A two-digit year is the Buddhist Era's short form (61 is
# 2561). The time may follow a slash, a comma or เวลา, and end in น. (o'clock).
THAI_DATETIME = re.compile(
    rf"(?<![0-9])(?P<day>[0-9]{{1,2}})\s*(?P<month>{_MONTH_ALTERNATIVES}|{_SHORT_BARE})"
    r"\s*(?:พ\.\s*ศ\.\s*)?(?P<year>[0-9]{4}|[0-9]{2})(?![0-9])"
    r"(?:\s*(?:/|,|เวลา)?\s*(?P<hour>[0-9]{1,2})[:.](?P<minute>[0-9]{2})"
    r"(?:[:.](?P<second>[0-9]{2}))?(?![0-9])(?:\s*น\.?)?)?"
)


def parse_thai_datetime(text, *, whole=False):
    """Parse `14 มิถุนายน 2561 / 14:37:02` (or `14 มิ.ย. 2561`, Thai digits, no
    time, `14 มิ.ย. 61`) into an aware Asia/Bangkok datetime. With whole=True the
    text must hold the date and nothing else. Raises ValueError."""
    text = arabic_digits(ZERO_WIDTH.sub("", text))
    if whole:
        match = THAI_DATETIME.fullmatch(" ".join(text.split()))
    else:
        match = THAI_DATETIME.search(text)
    if not match:
        raise ValueError(f"no Thai date in {text[:80]!r}")
    year = int(match["year"])
    if len(match["year"]) == 2:
        year += 2500
    hour, minute, second = (int(match[k] or 0) for k in ("hour", "minute", "second"))
    return datetime(
        year - BE_OFFSET,
        _month_number(match["month"]),
        int(match["day"]),
        hour,
        minute,
        second,
        tzinfo=BANGKOK,
    )


# Segmentation ------------------------------------------------------------

_lock = threading.Lock()
_tokenizer = None
_extra_words: set[str] = set()


def normalize(text):
    """Thai digits to Arabic, zero-width characters removed, NFC, and vowel and
    tone-mark order normalised, so documents and queries segment alike."""
    text = unicodedata.normalize("NFC", ZERO_WIDTH.sub("", text or ""))
    text = arabic_digits(text)
    if text:
        from pythainlp.util import normalize as thai_normalize

        text = thai_normalize(text)
    return text


def add_words(words):
    """Add names (agencies, provinces, offices) to the segmentation dictionary."""
    global _tokenizer
    new = {w.strip() for w in words if w and w.strip()} - _extra_words
    if new:
        with _lock:
            _extra_words.update(new)
            _tokenizer = None


def _get_tokenizer():
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                from pythainlp.corpus import thai_words
                from pythainlp.tokenize import Tokenizer

                from articles.thai_words import GOVERNMENT_WORDS

                words = set(thai_words()) | GOVERNMENT_WORDS | _extra_words
                _tokenizer = Tokenizer(custom_dict=words, engine="newmm")
    return _tokenizer


def segment(text, *, keep_whitespace=False):
    """Words of text (normalised), with `newmm` and our dictionary.

    With keep_whitespace the tokens join back into the normalised text exactly,
    which is what cutting snippets at word boundaries needs.
    """
    text = normalize(text)
    if not text.strip():
        return [text] if keep_whitespace and text else []
    tokens = _get_tokenizer().word_tokenize(text)
    if keep_whitespace:
        return tokens
    return [t for t in (tok.strip() for tok in tokens) if t]
