"""Bytes of a legacy dump to text.

Newer exports are UTF-8, sometimes with a byte-order mark; older ones are in the
Thai Windows code page (cp874, a superset of TIS-620). Anything else, and
anything that is not text at all, is refused with a reason.
"""

import re
import unicodedata

from articles.legacy.errors import LegacyPageError

UTF8_BOM = b"\xef\xbb\xbf"
# Thai letters in UTF-8 are E0 B8 xx or E0 B9 xx.
UTF8_THAI = re.compile(rb"\xe0[\xb8\xb9][\x80-\xbf]")
HIGH_BYTES = bytes(range(0x80, 0x100))
# Control characters other than tab, line and page breaks: a few are noise in
# an old export, many mean the file is not text.
STRAY_CONTROLS = re.compile("[\x01-\x08\x0e-\x1f\x7f-\x9f]")
MAX_CONTROLS = 8
# Byte-order marks, zero-width characters and lone surrogates carry no text.
DROPPED = re.compile("[\ufeff\u200b\u200c\u200d\u2060\ud800-\udfff]")


def _line_of(data, offset):
    return data.count(b"\n", 0, offset) + 1


def _utf8_intended(data):
    """True when most non-ASCII bytes form UTF-8 Thai letters: a damaged UTF-8
    file, not a cp874 one (whose Thai bytes rarely happen to look like that)."""
    high = len(data) - len(data.translate(None, HIGH_BYTES))
    return high > 0 and 3 * len(UTF8_THAI.findall(data)) >= high / 2


def decode_bytes(data):
    if data.startswith(UTF8_BOM):
        data = data[len(UTF8_BOM) :]
        intended_utf8 = True
    else:
        intended_utf8 = False
    if not data.strip():
        raise LegacyPageError("file", None, "ไฟล์ว่าง ไม่มีเนื้อหา")
    if b"\x00" in data:
        raise LegacyPageError("file", None, "ไม่ใช่ไฟล์ข้อความ (พบข้อมูลไบนารี)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = _line_of(data, exc.start)
        if exc.end == len(data) and exc.reason == "unexpected end of data":
            raise LegacyPageError("file", line, "ไฟล์ถูกตัดกลางตัวอักษร (ไฟล์ไม่ครบ)") from exc
        if intended_utf8 or _utf8_intended(data):
            raise LegacyPageError(
                "file", line, "ข้อความ UTF-8 เสียหาย (มีไบต์ที่ถอดรหัสไม่ได้)"
            ) from exc
    try:
        return data.decode("cp874")
    except UnicodeDecodeError as exc:
        raise LegacyPageError(
            "file",
            _line_of(data, exc.start),
            "ถอดรหัสไม่ได้ ไม่ใช่ UTF-8 หรือ cp874/TIS-620 (อาจเป็นไฟล์ไบนารี)",
        ) from exc


def to_text(raw):
    """The page's text from bytes or str: BOM, surrogates and stray control
    characters gone, NFC. Raises LegacyPageError."""
    text = decode_bytes(raw) if isinstance(raw, bytes | bytearray) else str(raw)
    if "\x00" in text:
        raise LegacyPageError("file", None, "ไม่ใช่ไฟล์ข้อความ (พบข้อมูลไบนารี)")
    text, controls = STRAY_CONTROLS.subn(" ", text)
    if controls > MAX_CONTROLS and controls * 100 > len(text):
        raise LegacyPageError("file", None, "ไม่ใช่ไฟล์ข้อความ (มีอักขระควบคุมจำนวนมาก)")
    text = unicodedata.normalize("NFC", DROPPED.sub("", text))
    if not text.strip():
        raise LegacyPageError("file", None, "ไฟล์ว่าง ไม่มีเนื้อหา")
    return text
