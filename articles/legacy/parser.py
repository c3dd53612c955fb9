"""One legacy article page (a text dump of the old PHP site) to its fields.

The layout, line by line, is in PRODUCT.md: a banner, the date line (often with
the old template's `echo Out` in front), the headline up to three times, the
lead, the body paragraphs, the labelled fields (ข่าวโดย, บรรณาธิการ, หน่วยงาน,
อ่าน), then the page chrome and the footer. `parse_page` is pure: text or bytes
in, a LegacyPage out, or one LegacyPageError naming the field and the line.
"""

import re
from dataclasses import dataclass
from datetime import datetime

from articles.legacy.decoding import to_text
from articles.legacy.errors import LegacyPageError
from articles.thai import BANGKOK, arabic_digits, parse_thai_datetime

# Column sizes of the rows the fields become (Article, Author, Agency).
MAX_TITLE = 500
MAX_NAME = 200
MAX_AGENCY = 100
MAX_READS_DIGITS = 12
# The date comes after the banner, within the first few lines that hold text.
DATE_WITHIN_LINES = 5
# A lead is a summary: short, or close to the headline in wording.
LEAD_MAX_CHARS = 400
LEAD_MIN_OVERLAP = 0.5
# Run-together title and heading: each copy at least this long (no compact
# whitespace), so a short headline that repeats a word is left alone.
MIN_REPEATED = 10
# Before year 2400 BE a "year" is a Christian-era number or a typing error.
BE_YEARS = range(2400, 2701)

LINE_BREAK = re.compile(r"\r\n|\r|\n")
ECHO_OUT = re.compile(r"echo\s*out\s*:?\s*", re.IGNORECASE)
WEEKDAY = re.compile(r"^วัน(?:จันทร์|อังคาร|พุธ|พฤหัสบดี|พฤหัส|ศุกร์|เสาร์|อาทิตย์)\s*(?:ที่)?\s*")
LOOKS_LIKE_DATE = re.compile(r"[0-9๐-๙]{1,2}\s*[ก-๛.]{2,}\s*[0-9๐-๙]{2,4}")
LABELS = {
    "ข่าวโดย": "byline",
    "บรรณาธิการ": "editor",
    "หน่วยงาน": "agency",
    "อ่าน": "reads",
}
LABELLED = re.compile(r"(ข่าวโดย|บรรณาธิการ|หน่วยงาน|อ่าน)\s*[:：]\s*(.*)")
# Some pages print the counter without a colon: `อ่าน 45 ครั้ง`.
READS_BARE = re.compile(r"(อ่าน)\s+([0-9๐-๙][0-9๐-๙,]*(?:\s*ครั้ง)?)")
READS_VALUE = re.compile(r"([0-9][0-9, ]*)\s*(?:ครั้ง)?")
CHROME = re.compile(
    r"line\s*it\s*!?|editor\s*login|name\s*:?|pass(?:word)?\s*:?", re.IGNORECASE
)
FOOTER_START = re.compile(r"จัดทำและบริหารระบบ|จัดทำโดย")
# A short `label : value` line the legacy site printed among its fields.
OTHER_LABEL = re.compile(r"[^:：]{1,30}[:：].{0,120}")


@dataclass(frozen=True)
class LegacyPage:
    published_at: datetime
    title: str
    lead: str = ""
    paragraphs: tuple[str, ...] = ()
    byline: str = ""
    editor: str = ""
    agency: str = ""
    reads: int | None = None

    @property
    def legacy_id(self):
        """The old site's ID: the publication time, Christian era, YYMMDDHHMMSS."""
        return self.published_at.astimezone(BANGKOK).strftime("%y%m%d%H%M%S")


def parse_page(raw):
    """Fields of one legacy page (str or bytes). Raises LegacyPageError."""
    lines = [" ".join(line.split()) for line in LINE_BREAK.split(to_text(raw))]
    date_index, published_at = _find_date(lines)
    # Every legacy page ends with the share button and the editors' login box
    # (or at least the footer); a page without them was cut short, even if its
    # labelled fields had begun.
    page_end = _page_end(lines, date_index + 1)
    if page_end is None:
        _head_and_body(lines, date_index + 1, len(lines))  # a missing title first
        raise LegacyPageError(
            "end",
            len(lines),
            "หน้าข่าวจบก่อนถึงส่วนท้าย (ไม่พบ LINE it!/Editor Login หรือท้ายหน้า) ไฟล์อาจถูกตัด",
        )
    end = _fields_start(lines, date_index + 1, page_end)
    title, lead, paragraphs = _head_and_body(lines, date_index + 1, end)
    fields = _labelled_fields(lines, end)
    return LegacyPage(
        published_at=published_at,
        title=title,
        lead=lead,
        paragraphs=tuple(paragraphs),
        **fields,
    )


def _find_date(lines):
    suspect = None
    seen = 0
    for index, line in enumerate(lines):
        if not line:
            continue
        if seen == DATE_WITHIN_LINES or _is_end(line):
            break
        seen += 1
        echo = ECHO_OUT.match(line)
        text = line[echo.end() :] if echo else line
        text = WEEKDAY.sub("", text, count=1)
        text = text.rstrip(" /")
        try:
            value = parse_thai_datetime(text, whole=True)
        except ValueError:
            if echo:
                _bad_date(index, text)
            if suspect is None and LOOKS_LIKE_DATE.match(text):
                suspect = (index, text)
            continue
        if value.year + 543 not in BE_YEARS:
            raise LegacyPageError(
                "date",
                index + 1,
                f"ปี พ.ศ. {value.year + 543} ไม่สมเหตุสมผล (ต้องเป็นปีพุทธศักราช)",
            )
        return index, value
    if suspect is not None:
        _bad_date(*suspect)
    raise LegacyPageError(
        "date", None, "ไม่พบบรรทัดวันที่เผยแพร่ (เช่น 14 มิถุนายน 2561 / 14:37:02)"
    )


def _bad_date(index, text):
    raise LegacyPageError(
        "date",
        index + 1,
        f"อ่านวันที่ไม่ได้: «{text[:60]}» (ต้องเป็นแบบ 14 มิถุนายน 2561 / 14:37:02)",
    )


def _is_labelled(line):
    return bool(LABELLED.fullmatch(line) or READS_BARE.fullmatch(line))


def _is_end(line):
    return bool(
        _is_labelled(line) or CHROME.fullmatch(line) or FOOTER_START.match(line)
    )


def _page_end(lines, start):
    """Index of the first chrome or footer line from start on, or None."""
    for index in range(start, len(lines)):
        if CHROME.fullmatch(lines[index]) or FOOTER_START.match(lines[index]):
            return index
    return None


def _fields_start(lines, start, page_end):
    """Where the labelled fields begin: going back from the page end over blank
    lines, labelled fields and other `label : value` lines, the earliest known
    label. A body paragraph that merely begins with a label stays body."""
    fields_start = page_end
    for index in range(page_end - 1, start - 1, -1):
        line = lines[index]
        if _is_labelled(line):
            fields_start = index
        elif line and not OTHER_LABEL.fullmatch(line):
            break
    return fields_start


def _compact(text):
    return "".join(text.split())


def _split_repeats(line):
    """`X X` (or `X X X`): the title and heading run together. Return the text
    once and how many times it was there."""
    compact = _compact(line)
    for times in (3, 2):
        size, rest = divmod(len(compact), times)
        if rest or size < MIN_REPEATED or compact != compact[:size] * times:
            continue
        words = line.split(" ")
        for cut in range(1, len(words)):
            head = " ".join(words[:cut])
            if _compact(head) == compact[:size]:
                return head, times
    return line, 1


def _bigrams(text):
    compact = _compact(text)
    return {compact[i : i + 2] for i in range(len(compact) - 1)}


def _resembles(title, text):
    title_pairs = _bigrams(title)
    if not title_pairs:
        return False
    return len(title_pairs & _bigrams(text)) / len(title_pairs) >= LEAD_MIN_OVERLAP


def _head_and_body(lines, start, end):
    # (line number, text, block number); blocks are separated by blank lines.
    rows = []
    block = 0
    for index in range(start, end):
        if lines[index]:
            rows.append((index + 1, lines[index], block))
        elif rows and rows[-1][2] == block:
            block += 1
    if not rows:
        raise LegacyPageError("title", start + 1, "ไม่พบหัวข้อข่าวหลังบรรทัดวันที่")
    number, first, head_block = rows[0]
    title, copies = _split_repeats(first)
    if len(title) > MAX_TITLE:
        raise LegacyPageError(
            "title", number, f"ยาว {len(title)} ตัวอักษร เกิน {MAX_TITLE}"
        )
    key = _compact(title)
    position = 1
    while position < len(rows) and _compact(rows[position][1]) == key:
        copies += 1
        position += 1
    lead = ""
    if copies >= 3:
        # Title, heading and a lead that repeats the headline.
        lead = title
    elif position < len(rows) and rows[position][2] == head_block:
        candidate = rows[position][1]
        body_follows = rows[-1][2] != head_block
        if _resembles(title, candidate) or (
            body_follows and len(candidate) <= LEAD_MAX_CHARS
        ):
            lead = candidate
            position += 1
    return title, lead, [text for _, text, _ in rows[position:]]


def _labelled_fields(lines, start):
    fields = {"byline": "", "editor": "", "agency": "", "reads": None}
    seen = set()
    for index in range(start, len(lines)):
        line = lines[index]
        if FOOTER_START.match(line):
            break
        match = LABELLED.fullmatch(line) or READS_BARE.fullmatch(line)
        if not match:
            continue
        field = LABELS[match[1]]
        if field in seen:
            continue
        seen.add(field)
        value = match[2].strip()
        if field == "reads":
            fields["reads"] = _reads(value, index + 1)
        else:
            limit = MAX_AGENCY if field == "agency" else MAX_NAME
            if len(value) > limit:
                raise LegacyPageError(
                    field, index + 1, f"ยาว {len(value)} ตัวอักษร เกิน {limit}"
                )
            fields[field] = value
    return fields


def _reads(value, number):
    if not value:
        return None
    match = READS_VALUE.fullmatch(arabic_digits(value))
    digits = match and re.sub(r"[, ]", "", match[1])
    if not digits:
        raise LegacyPageError("reads", number, f"จำนวนการอ่านไม่ใช่ตัวเลข: «{value[:40]}»")
    if len(digits.lstrip("0")) > MAX_READS_DIGITS:
        raise LegacyPageError("reads", number, f"จำนวนการอ่านมากผิดปกติ: {digits}")
    return int(digits)
