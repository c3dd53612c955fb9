"""Thai: dates in the Buddhist Era, and word segmentation.

The only module that imports pythainlp, and only when text is first segmented:
a web worker that never segments does not pay for the dictionary.
"""

import itertools
import os
import re
import tempfile
import threading
import unicodedata
from datetime import date, datetime
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
THAI_WORDS_FILE = "words_th.txt"  # pythainlp.corpus.thai_words()'s list
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


NUMERIC_DATE = re.compile(
    r"(?P<day>[0-9]{1,2})/(?P<month>[0-9]{1,2})/(?P<year>[0-9]{4})"
)


def parse_be_date(text):
    """A Buddhist-Era day, `1/11/2569` (Thai digits too) or `1 พ.ย. 2569`, as a
    date. Raises ValueError for anything else, or for a day that does not exist."""
    text = " ".join(arabic_digits(ZERO_WIDTH.sub("", text or "")).split())
    match = NUMERIC_DATE.fullmatch(text)
    if not match:
        return parse_thai_datetime(text, whole=True).date()
    year = int(match["year"]) - BE_OFFSET
    return date(year, int(match["month"]), int(match["day"]))


def format_be_date(value):
    """`1/11/2569` for a date: the form parse_be_date reads back."""
    return f"{value.day}/{value.month}/{value.year + BE_OFFSET}"


def format_be_month(value):
    """`พ.ย. 2569` for any date of that month."""
    return f"{SHORT_MONTHS[value.month - 1]} {value.year + BE_OFFSET}"


# Segmentation ------------------------------------------------------------

_lock = threading.Lock()
_tokenizer = None
_extra_words: dict[str, None] = {}  # in the order added
_dictionaries = itertools.count(1)
# What pythainlp's remove_repeat_vowels would change: a vowel or mark repeated,
# a tone mark before a vowel or doubled, a follow vowel before a tone mark,
# double Sara E, Nikhahit, Lakkhangyao. Most text has none of these, and that
# step is most of normalize's cost, so it runs only when one of these finds
# something. Separate patterns, each starting with one character class, scan
# about twice as fast as their alternation.
_NEEDS_REORDER = (
    re.compile("[\u0e48-\u0e4c][\u0e31\u0e34-\u0e37\u0e47\u0e38\u0e39]"),
    re.compile("[\u0e30\u0e32\u0e33][\u0e48-\u0e4b]"),
    re.compile("[\u0e48-\u0e4b]{2}"),
    re.compile("([\u0e30-\u0e4e]) *\\1"),
)
# Tone marks, above and below vowels and signs: the characters pythainlp's
# remove_dangling and remove_spaces_before_marks look for after a space (or,
# for remove_dangling, at the start); text with none there skips both steps.
_DANGLING = "\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"
_SPACE_THEN_DANGLING = re.compile(f" [{_DANGLING}]")
_STARTS_DANGLING = re.compile(f"[{_DANGLING}]")


def _needs_reorder(text):
    if "\u0e40\u0e40" in text or "\u0e4d" in text or "\u0e45" in text:
        return True
    return any(pattern.search(text) for pattern in _NEEDS_REORDER)


def _has_dangling(text):
    return bool(_STARTS_DANGLING.match(text) or _SPACE_THEN_DANGLING.search(text))


_THAI_DIGIT = re.compile("[\u0e50-\u0e59]")


def _arabic_digit(match):
    return chr(ord(match.group()) - 0x0E50 + 0x30)


def normalize(text, *, keep_digits=False):
    """Thai digits to Arabic, zero-width characters removed, NFC, and vowel and
    tone-mark order normalised (pythainlp's normalize), so documents and queries
    segment alike. keep_digits leaves Thai digits as they are (snippets show
    the article's own; the digits are one character either way)."""
    text = unicodedata.normalize("NFC", ZERO_WIDTH.sub("", text or ""))
    if not keep_digits:
        # Not str.translate (arabic_digits): it is slow on long Thai text.
        text = _THAI_DIGIT.sub(_arabic_digit, text)
    if text:
        from pythainlp import util

        # pythainlp.util.normalize, step by step, skipping each step that
        # would leave the text as it is (most text needs none of them).
        text = util.remove_zw(text)
        if "  " in text or "\n" in text or text != text.strip():
            text = util.remove_dup_spaces(text)
        if _has_dangling(text):
            text = util.remove_spaces_before_marks(text)
        if _needs_reorder(text):
            text = util.remove_repeat_vowels(text)
        if _has_dangling(text):
            text = util.remove_dangling(text)
    return text


def dictionary_version():
    """Grows whenever add_words() adds a word: text segmented under another
    version (say, in a process forked earlier) may be cut differently."""
    return len(_extra_words)


def words_since(version):
    """The words add_words() added after dictionary_version() was `version`."""
    return list(_extra_words)[version:]


def add_words(words):
    """Add names (agencies, provinces, offices) to the segmentation dictionary."""
    global _tokenizer
    new = {w.strip() for w in words if w and w.strip()} - _extra_words.keys()
    if new:
        with _lock:
            _extra_words.update(dict.fromkeys(sorted(new)))
            _tokenizer = None


class _Nlpo3Newmm:
    """newmm compiled (nlpo3, the same algorithm as pythainlp's `newmm`, which
    gives the same words about ten times faster); used when it is installed."""

    def __init__(self, words):
        import nlpo3

        self._segment = nlpo3.segment
        self.name = f"newsroom-{next(_dictionaries)}"
        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
            for word in words:  # repeats are harmless: one word, one path
                f.write(word + "\n")
        try:
            nlpo3.load_dict(f.name, self.name)
        finally:
            os.unlink(f.name)

    def word_tokenize(self, text):
        return self._segment(text, self.name)


def dictionary_words():
    """Every word of the segmentation dictionary, one at a time: pythainlp's
    word list read line by line from its file (as a set of 62,000 strings it
    would stay in a web worker's memory beside the compiled dictionary; tests
    check it is the same list as pythainlp.corpus.thai_words()), then ours."""
    from importlib.resources import files

    from articles.thai_words import GOVERNMENT_WORDS

    corpus = files("pythainlp.corpus").joinpath(THAI_WORDS_FILE)
    with corpus.open(encoding="utf-8-sig") as lines:
        for line in lines:
            word = line.rstrip("\r\n")
            if word.strip():
                yield word
    ours = GOVERNMENT_WORDS | _extra_words.keys()
    yield from (w for w in ours if w.strip() and "\n" not in w)


def _get_tokenizer():
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                try:
                    _tokenizer = _Nlpo3Newmm(dictionary_words())
                except ImportError:
                    from pythainlp.tokenize import Tokenizer

                    words = set(dictionary_words())
                    _tokenizer = Tokenizer(custom_dict=words, engine="newmm")
    return _tokenizer


def segment(text, *, keep_whitespace=False, normalized=False):
    """Words of text (normalised), with `newmm` and our dictionary.

    With keep_whitespace the tokens join back into the normalised text exactly,
    which is what cutting snippets at word boundaries needs. `normalized` says
    the text already went through normalize().
    """
    if not normalized:
        text = normalize(text)
    if not text.strip():
        return [text] if keep_whitespace and text else []
    tokens = _get_tokenizer().word_tokenize(text)
    if keep_whitespace:
        return tokens
    return [t for t in (tok.strip() for tok in tokens) if t]
