"""The search form: words, agency, and a date range in either era."""

import re
from datetime import date

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join

from articles.fragments import remember
from articles.models import Agency
from articles.navigation import NAV_SECONDS
from articles.pagecache import render
from articles.thai import BE_OFFSET, arabic_digits, parse_thai_datetime

# Years above this are Buddhist Era (2567), below it Christian Era (2024).
BE_THRESHOLD = 2400
NUMERIC_DATE = re.compile(r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})")
ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
DATE_HELP = "วัน/เดือน/ปี พ.ศ. เช่น 14/6/2567"
DATE_ERROR = f"วันที่ไม่ถูกต้อง กรุณากรอกเป็น{DATE_HELP}"


def parse_search_date(value):
    """`14/6/2567`, `14-06-2024`, `2567-06-14`, `14 มิ.ย. 2567`, Thai digits."""
    text = arabic_digits(value.strip())
    if match := ISO_DATE.fullmatch(text):
        year, month, day = (int(g) for g in match.groups())
    elif match := NUMERIC_DATE.fullmatch(text):
        day, month, year = (int(g) for g in match.groups())
    else:
        try:
            return parse_thai_datetime(text).date()
        except (ValueError, TypeError, OverflowError) as exc:
            raise ValueError(text) from exc
    if year > BE_THRESHOLD:
        year -= BE_OFFSET
    return date(year, month, day)


class ThaiDateField(forms.CharField):
    def __init__(self, **kwargs):
        super().__init__(
            required=False,
            max_length=40,
            help_text=DATE_HELP,
            error_messages={
                "max_length": DATE_ERROR,
                "null_characters_not_allowed": DATE_ERROR,
            },
            widget=PlainInput(attrs={"inputmode": "numeric", "size": 12}),
            **kwargs,
        )

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        try:
            return parse_search_date(value)
        except (ValueError, OverflowError) as exc:
            raise forms.ValidationError(DATE_ERROR, code="invalid") from exc


class QueryField(forms.CharField):
    """Any text is a query: NUL is dropped rather than refused, and longer
    entries are cut by the search (text.MAX_QUERY_LENGTH), not refused here."""

    def to_python(self, value):
        return super().to_python((value or "").replace("\x00", ""))


class PlainInput(forms.TextInput):
    """Django's <input> markup, built here rather than by its widget template
    (about 0.3 ms an input, three on every search page)."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        attrs = {"type": widget["type"], "name": widget["name"]}
        if widget["value"] is not None:
            attrs["value"] = widget["value"]
        return format_html("<input{}>", flatatt({**attrs, **widget["attrs"]}))


class AgencySelect(forms.Select):
    """Django's select markup, built here: its templates render an include per
    option, and the agency list (every office) made it the costliest part of the
    search form (2-4 ms a request). No option groups (agencies have none)."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        options = format_html_join(
            "",
            '\n  <option value="{}"{}>{}</option>',
            (
                (str(option["value"]), flatatt(option["attrs"]), option["label"])
                for _, group, _ in widget["optgroups"]
                for option in group
            ),
        )
        return format_html(
            '<select name="{}"{}>{}\n</select>',
            widget["name"],
            flatatt(widget["attrs"]),
            options,
        )


def agency_choices(request):
    """The agency field's choices as (slug, name), kept in memory per page
    generation (an agency saved moves it on): the select costs no query per
    search."""
    key = ("search-agencies", render.generation(request))
    queryset = SearchForm.base_fields["agency"].queryset
    return remember(
        key, NAV_SECONDS, lambda: list(queryset.values_list("slug", "short_name"))
    )


class SearchForm(forms.Form):
    q = QueryField(
        label="คำค้น",
        required=False,
        widget=PlainInput(attrs={"type": "search", "size": 30}),
    )
    agency = forms.ModelChoiceField(
        label="หน่วยงาน",
        required=False,
        queryset=Agency.objects.filter(is_active=True),
        to_field_name="slug",
        empty_label="ทุกหน่วยงาน",
        widget=AgencySelect,
        error_messages={"invalid_choice": "ไม่พบหน่วยงานนี้ กรุณาเลือกจากรายการ"},
    )
    date_from = ThaiDateField(label="ตั้งแต่วันที่")
    date_to = ThaiDateField(label="ถึงวันที่")

    def __init__(self, *args, agency_choices=None, **kwargs):
        """agency_choices: the select's (slug, name) pairs, when the caller has
        them at hand (agency_choices()); else the field lists them by a query.
        A chosen agency is still looked up by the field's queryset."""
        super().__init__(*args, **kwargs)
        if agency_choices is not None:
            field = self.fields["agency"]
            field.choices = [("", field.empty_label), *agency_choices]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "วันที่สิ้นสุดต้องไม่ก่อนวันที่เริ่มต้น")
        return cleaned
