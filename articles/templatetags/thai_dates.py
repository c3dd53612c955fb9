from django import template

from articles.thai import format_thai_date, format_thai_datetime

register = template.Library()


@register.filter
def thai_datetime(value):
    """`14 มิถุนายน 2561 / 14:37:02` in Asia/Bangkok."""
    return format_thai_datetime(value) if value else ""


@register.filter
def thai_date(value):
    return format_thai_date(value) if value else ""
