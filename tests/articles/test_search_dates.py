"""The search date filter takes whole Bangkok days, on SQLite and PostgreSQL alike.

Articles are stored in UTC; a Bangkok day runs from 17:00 UTC the day before, so
an article at 00:00:00 or 23:59:59 Bangkok time is where a filter that mixes the
two clocks goes wrong.
"""

from datetime import datetime

import pytest

from articles.thai import BANGKOK
from tests.factories import make_article

WORD = "ประชุมกรมการจังหวัด"


@pytest.fixture
def new_year(agency):
    """Articles at the first and last second of 1 มกราคม 2567, Bangkok time, and at
    the last second of the day before and the first of the day after."""
    at = {
        "eve": datetime(2023, 12, 31, 23, 59, 59, tzinfo=BANGKOK),
        "first": datetime(2024, 1, 1, 0, 0, 0, tzinfo=BANGKOK),
        "last": datetime(2024, 1, 1, 23, 59, 59, tzinfo=BANGKOK),
        "next": datetime(2024, 1, 2, 0, 0, 0, tzinfo=BANGKOK),
    }
    return {
        name: make_article(title=f"{WORD} {name}", published_at=when)
        for name, when in at.items()
    }


def _found(client, articles, **dates):
    """The names of the articles /search/ lists for WORD within the dates."""
    response = client.get("/search/", {"q": WORD, **dates})
    assert response.status_code == 200
    html = response.content.decode()
    return {name for name, a in articles.items() if a.get_absolute_url() in html}


def test_one_day_holds_its_first_and_last_second(client, new_year):
    found = _found(client, new_year, date_from="1/1/2567", date_to="1/1/2567")
    assert found == {"first", "last"}


def test_until_a_day_ends_at_its_last_second(client, new_year):
    assert _found(client, new_year, date_to="31/12/2566") == {"eve"}
    assert _found(client, new_year, date_to="1/1/2567") == {"eve", "first", "last"}


def test_from_a_day_starts_at_its_first_second(client, new_year):
    assert _found(client, new_year, date_from="2/1/2567") == {"next"}
    assert _found(client, new_year, date_from="1/1/2567") == {"first", "last", "next"}


def test_christian_era_dates_give_the_same_bangkok_days(client, new_year):
    found = _found(client, new_year, date_from="2024-01-01", date_to="1/1/2024")
    assert found == {"first", "last"}
