"""Cells of the dashboard's tables: numbers right-aligned, with thousands."""

from django import template

register = template.Library()


@register.filter
def is_number(value):
    return isinstance(value, int | float) and not isinstance(value, bool)


@register.filter
def number(value):
    return f"{value:,}" if is_number(value) else value


@register.filter
def get_item(mapping, key):
    return mapping[key]
