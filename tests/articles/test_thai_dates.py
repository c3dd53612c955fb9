from datetime import UTC, datetime

import pytest

from articles.thai import BANGKOK, format_thai_datetime, parse_thai_datetime


def test_seed_date_line_format():
    value = datetime(2018, 6, 14, 14, 37, 2, tzinfo=BANGKOK)
    assert format_thai_datetime(value) == "14 มิถุนายน 2561 / 14:37:02"


def test_utc_time_crosses_the_year_in_bangkok():
    value = datetime(2018, 12, 31, 20, 0, 0, tzinfo=UTC)
    assert format_thai_datetime(value) == "1 มกราคม 2562 / 03:00:00"


def test_day_has_no_leading_zero_and_time_is_24_hour():
    value = datetime(2024, 2, 5, 23, 5, 9, tzinfo=BANGKOK)
    assert format_thai_datetime(value) == "5 กุมภาพันธ์ 2567 / 23:05:09"


@pytest.mark.parametrize(
    "text",
    [
        "14 มิถุนายน 2561 / 14:37:02",
        "echo Out 14 มิถุนายน 2561 / 14:37:02  ",
        "๑๔ มิถุนายน ๒๕๖๑ / ๑๔:๓๗:๐๒",
        "14 มิ.ย. 2561 / 14:37:02",
    ],
)
def test_parse_round_trips_the_date_line(text):
    parsed = parse_thai_datetime(text)
    assert parsed == datetime(2018, 6, 14, 14, 37, 2, tzinfo=BANGKOK)
    assert format_thai_datetime(parsed) == "14 มิถุนายน 2561 / 14:37:02"


def test_filter_renders_in_templates():
    from django.template import Context, Template

    value = datetime(2018, 12, 31, 20, 0, 0, tzinfo=UTC)
    rendered = Template("{% load thai_dates %}{{ value|thai_datetime }}").render(
        Context({"value": value})
    )
    assert rendered == "1 มกราคม 2562 / 03:00:00"
