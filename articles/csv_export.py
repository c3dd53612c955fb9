"""CSV downloads that Excel opens with Thai intact, and that cannot run formulas."""

import csv
import io
from urllib.parse import quote

from django.http import HttpResponse

BOM = "\ufeff"  # without it Excel reads UTF-8 as the local code page
# A text cell starting with one of these is a formula to a spreadsheet (CSV
# injection); a leading apostrophe makes it text again.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def csv_response(filename: str, columns, rows) -> HttpResponse:
    """An attachment `filename` (ASCII) with a header row and `rows` of cells."""
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out)
    writer.writerow([safe_cell(c) for c in columns])
    for row in rows:
        writer.writerow([safe_cell(c) for c in row])
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f"attachment; filename=\"{filename}\"; filename*=UTF-8''{quote(filename)}"
    )
    return response
