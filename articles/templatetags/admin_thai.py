"""The admin's date links in the Buddhist Era."""

import re

from django import template

from articles.thai import BE_OFFSET

register = template.Library()

# The date hierarchy's titles hold only a date (`2026`, `ธันวาคม 2026`, `2
# ธันวาคม`): any four-digit Christian year there becomes its Buddhist one.
_CE_YEAR = re.compile(r"(?<![0-9])(1[89][0-9]{2}|2[01][0-9]{2})(?![0-9])")


@register.filter
def be_year_title(value):
    return _CE_YEAR.sub(lambda m: str(int(m[1]) + BE_OFFSET), str(value))
