"""A date and time typed in the Buddhist Era, as Thai editors write it.

`14/6/2569 14:30` is 14 June 2026, 14:30 in Bangkok. A Christian-era year typed
by mistake (`14/6/2026`) is refused with a message that says so, rather than
read as a date 543 years back. The machine form `2026-06-14T14:30` (ISO 8601,
Christian era) is also accepted, for scripts and tests.
"""

import re
from datetime import datetime

from django import forms
from django.utils import timezone

from articles.thai import BANGKOK, BE_OFFSET, arabic_digits

_TYPED = re.compile(
    r"^\s*(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})(?:\s+(\d{1,2})[:.](\d{2}))?\s*$"
)
_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::\d{2})?\s*$")
EXAMPLE = "14/6/2569 14:30"
INVALID = f"รูปแบบวันเวลาไม่ถูกต้อง โปรดพิมพ์ วัน/เดือน/ปี พ.ศ. ชั่วโมง:นาที เช่น {EXAMPLE}"


def format_be(value) -> str:
    """`14/6/2569 14:30` for an aware datetime, in Bangkok."""
    local = timezone.localtime(value, BANGKOK)
    return f"{local.day}/{local.month}/{local.year + BE_OFFSET} {local:%H:%M}"


class BuddhistDateTimeInput(forms.TextInput):
    def __init__(self, attrs=None):
        base = {"placeholder": f"เช่น {EXAMPLE}", "inputmode": "numeric"}
        super().__init__({**base, **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, datetime):
            return format_be(
                value if timezone.is_aware(value) else value.replace(tzinfo=BANGKOK)
            )
        return super().format_value(value)


class BuddhistDateTimeField(forms.Field):
    widget = BuddhistDateTimeInput
    default_error_messages = {"invalid": INVALID}

    def to_python(self, value):
        if isinstance(value, datetime):
            return value
        text = arabic_digits((value or "").strip())
        if not text:
            return None
        iso = _ISO.match(text)
        if iso:
            year, month, day, hour, minute = map(int, iso.groups())
        else:
            typed = _TYPED.match(text)
            if not typed:
                raise forms.ValidationError(self.error_messages["invalid"], "invalid")
            day, month, year = map(int, typed.groups()[:3])
            hour, minute = (int(typed[4] or 0), int(typed[5] or 0))
            if year < 2400:
                raise forms.ValidationError(
                    f"ปี {year} ดูเหมือนเป็นปี ค.ศ. โปรดพิมพ์ปี พ.ศ. "
                    f"(ปี ค.ศ. {year} คือ พ.ศ. {year + BE_OFFSET})",
                    "christian_era",
                )
            year -= BE_OFFSET
        try:
            return datetime(year, month, day, hour, minute, tzinfo=BANGKOK)
        except ValueError as error:
            raise forms.ValidationError(
                self.error_messages["invalid"], "invalid"
            ) from error
