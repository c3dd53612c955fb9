"""A period of Asia/Bangkok days, typed as Buddhist-Era dates (`1/11/2569`).

The reads dashboard and the audit view both take one from the query string;
the default is the current Bangkok month.
"""

import calendar
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django import forms
from django.utils import timezone

from articles.models import ArticleEvent
from articles.thai import BANGKOK, format_be_date, parse_be_date

BAD_DATE = "วันที่ไม่ถูกต้อง กรุณากรอกเป็น วัน/เดือน/ปี พ.ศ. เช่น 1/11/2569"
END_BEFORE_START = "วันสิ้นสุดต้องไม่ก่อนวันเริ่มต้น"
TOO_LONG = "ช่วงเวลายาวได้ไม่เกิน {years} ปี"
MAX_YEARS = 20


@dataclass(frozen=True)
class Period:
    start: date  # first day, inclusive
    end: date  # last day, inclusive

    @classmethod
    def this_month(cls, today=None):
        today = today or timezone.localdate()
        last = calendar.monthrange(today.year, today.month)[1]
        return cls(today.replace(day=1), today.replace(day=last))

    @property
    def start_at(self):
        """The aware datetime the first Bangkok day starts at."""
        return datetime.combine(self.start, time.min, tzinfo=BANGKOK)

    @property
    def end_before(self):
        """The aware datetime just after the last Bangkok day."""
        return datetime.combine(self.end + timedelta(days=1), time.min, tzinfo=BANGKOK)

    def __len__(self):
        """Days in the period."""
        return (self.end - self.start).days + 1

    def days(self):
        day = self.start
        while day <= self.end:
            yield day
            day += timedelta(days=1)

    def months(self):
        month = self.start.replace(day=1)
        while month <= self.end:
            yield month
            month = (month + timedelta(days=32)).replace(day=1)

    def query(self):
        """The period as the query string's values."""
        return {"start": format_be_date(self.start), "end": format_be_date(self.end)}


class BEDateField(forms.Field):
    widget = forms.TextInput

    def to_python(self, value):
        value = (value or "").strip()
        if not value:
            return None
        try:
            return parse_be_date(value)
        except ValueError as exc:
            raise forms.ValidationError(BAD_DATE, code="invalid") from exc

    def prepare_value(self, value):
        return format_be_date(value) if isinstance(value, date) else value


class PeriodForm(forms.Form):
    start = BEDateField(label="ตั้งแต่วันที่", required=False, help_text="วัน/เดือน/ปี พ.ศ.")
    end = BEDateField(label="ถึงวันที่", required=False, help_text="วัน/เดือน/ปี พ.ศ.")

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                self.add_error("end", END_BEFORE_START)
            elif (end - start).days > MAX_YEARS * 366:
                self.add_error("end", TOO_LONG.format(years=MAX_YEARS))
        return data

    def period(self):
        """The period asked for: a missing end is the start's month end (or
        today's), a missing start the end's month start; the current month when
        neither is given or the form is invalid."""
        default = Period.this_month()
        if not self.is_valid():
            return default
        start, end = self.cleaned_data["start"], self.cleaned_data["end"]
        if not (start or end):
            return default
        start = start or end.replace(day=1)
        end = end or Period.this_month(start).end
        return Period(start, end)


class AuditFilterForm(PeriodForm):
    """The audit view's filters. The actions are read from ArticleEvent.Action
    each time, so a new action appears without a change here."""

    agency = forms.ModelChoiceField(
        label="หน่วยงาน", queryset=None, required=False, empty_label="ทุกหน่วยงาน"
    )
    user = forms.ModelChoiceField(
        label="ผู้ใช้", queryset=None, required=False, empty_label="ทุกคน"
    )
    action = forms.ChoiceField(label="การกระทำ", required=False)

    def __init__(self, *args, agencies, users, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        self.fields["agency"].to_field_name = "slug"
        self.fields["user"].queryset = users
        self.fields["user"].to_field_name = "username"
        self.fields["action"].choices = [
            ("", "ทุกการกระทำ"),
            *ArticleEvent.Action.choices,
        ]
        for name in ("agency", "user", "action"):
            self.fields[name].error_messages["invalid_choice"] = "ไม่มีตัวเลือกนี้"

    def chosen_period(self):
        """The period asked for, or None when no date is given (all history)."""
        data = self.cleaned_data
        if not (data.get("start") or data.get("end")):
            return None
        return self.period()
