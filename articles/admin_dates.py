"""The admin's dates in the Buddhist Era and Bangkok time, shown and typed.

Django's admin formats dates with the locale's formats, which only know the
Christian era, whatever the language. These fields replace its date and time
widgets in every change form (BE_FORMFIELDS), and be_datetime/be_date give
list columns and read-only fields the same Buddhist-Era text.
"""

import re
from datetime import date, datetime

from django import forms
from django.contrib import admin
from django.db import models
from django.utils import timezone

from articles.fields import BuddhistDateTimeField, BuddhistDateTimeInput
from articles.thai import (
    BANGKOK,
    BE_OFFSET,
    FULL_MONTHS,
    arabic_digits,
    format_be_date,
    format_thai_datetime,
    parse_be_date,
)

# Seconds are shown when a stored time has them, so that a form saved untouched
# gives back the very time it showed: the admin saves only what changed.
_WITH_SECONDS = re.compile(
    r"^\s*(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})\s+(\d{1,2})[:.](\d{2})[:.](\d{2})\s*$"
)
DATE_EXAMPLE = "14/6/2569"
DATE_INVALID = f"รูปแบบวันที่ไม่ถูกต้อง โปรดพิมพ์ วัน/เดือน/ปี พ.ศ. เช่น {DATE_EXAMPLE}"


def christian_era_error(year):
    return forms.ValidationError(
        f"ปี {year} ดูเหมือนเป็นปี ค.ศ. โปรดพิมพ์ปี พ.ศ. "
        f"(ปี ค.ศ. {year} คือ พ.ศ. {year + BE_OFFSET})",
        "christian_era",
    )


class AdminBuddhistDateTimeInput(BuddhistDateTimeInput):
    # The form's initial value loses its microseconds, as the text does.
    supports_microseconds = False

    def __init__(self, attrs=None):
        super().__init__({"class": "vTextField be-datetime", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, datetime):
            if timezone.is_naive(value):
                value = value.replace(tzinfo=BANGKOK)
            local = timezone.localtime(value, BANGKOK)
            seconds = f":{local:%S}" if local.second else ""
            year = local.year + BE_OFFSET
            return f"{local.day}/{local.month}/{year} {local:%H:%M}{seconds}"
        return super().format_value(value)


class AdminBuddhistDateTimeField(BuddhistDateTimeField):
    """`14/6/2569 14:30` or `14/6/2569 14:30:05`, Bangkok time, Buddhist Era."""

    widget = AdminBuddhistDateTimeInput

    def to_python(self, value):
        if isinstance(value, str):
            typed = _WITH_SECONDS.match(arabic_digits(value))
            if typed:
                day, month, year, hour, minute, second = map(int, typed.groups())
                if year < 2400:
                    raise christian_era_error(year)
                year -= BE_OFFSET
                try:
                    return datetime(
                        year, month, day, hour, minute, second, tzinfo=BANGKOK
                    )
                except ValueError as error:
                    raise forms.ValidationError(
                        self.error_messages["invalid"], "invalid"
                    ) from error
        return super().to_python(value)


class AdminBuddhistDateInput(forms.TextInput):
    def __init__(self, attrs=None):
        base = {"class": "vDateField be-date", "placeholder": f"เช่น {DATE_EXAMPLE}"}
        super().__init__({**base, **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, date) and not isinstance(value, datetime):
            return format_be_date(value)
        return super().format_value(value)


class AdminBuddhistDateField(forms.DateField):
    """`14/6/2569` or `14 มิ.ย. 2569`: a calendar day in the Buddhist Era."""

    widget = AdminBuddhistDateInput
    default_error_messages = {"invalid": DATE_INVALID}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, date):
            return value
        try:
            day = parse_be_date(value)
        except ValueError as error:
            raise forms.ValidationError(
                self.error_messages["invalid"], "invalid"
            ) from error
        if day.year + BE_OFFSET < 2400:
            raise christian_era_error(day.year + BE_OFFSET)
        return day


BE_FORMFIELDS = {
    models.DateTimeField: {
        "form_class": AdminBuddhistDateTimeField,
        "widget": AdminBuddhistDateTimeInput,
    },
    models.DateField: {
        "form_class": AdminBuddhistDateField,
        "widget": AdminBuddhistDateInput,
    },
}


class BuddhistEraForms:
    """Mixed into a ModelAdmin or an inline: its forms show and take
    Buddhist-Era dates."""

    formfield_overrides = BE_FORMFIELDS


def be_datetime(field, description):
    """A column or read-only field showing `field` in Buddhist-Era Thai."""

    @admin.display(description=description, ordering=field)
    def column(obj):
        value = getattr(obj, field, None)
        return format_thai_datetime(value) if value else "-"

    column.__name__ = f"{field}_thai"
    return column


def be_date(field, description):
    @admin.display(description=description, ordering=field)
    def column(obj):
        day = getattr(obj, field)  # a calendar date: no time zone to convert
        if not day:
            return "-"
        return f"{day.day} {FULL_MONTHS[day.month - 1]} {day.year + BE_OFFSET}"

    column.__name__ = f"{field}_thai"
    return column
