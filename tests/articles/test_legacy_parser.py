"""parse_page: the date line, the headline and lead, the page chrome."""

from datetime import datetime

import pytest

from articles.legacy import LegacyPageError, parse_page
from articles.thai import BANGKOK
from tests.articles.legacy_pages import (
    BANNER,
    BODY,
    CHROME,
    FIELDS,
    SEED,
    SUMMARY,
    TITLE,
    page,
)

# The real page --------------------------------------------------------------


def test_seed_page_parses_to_its_printed_values():
    parsed = parse_page(SEED.read_bytes())
    assert parsed.published_at == datetime(2018, 6, 14, 14, 37, 2, tzinfo=BANGKOK)
    assert parsed.legacy_id == "180614143702"
    assert parsed.title == (
        "จังหวัดพะเยาผ่านการรับรองคุณภาพการบริหารจัดการภาครัฐ(PMQA) ลำดับที่ 35 จาก 47 ส่วนราชการ"
    )
    assert parsed.lead.startswith("จังหวัดพะเยาได้รับการพิจารณาให้ผ่านการรับรอง")
    assert len(parsed.paragraphs) == 2
    assert parsed.paragraphs[0].startswith("นายวุฒิชัย เสาวโกมุท")
    assert parsed.paragraphs[1].endswith("การปฏิบัติการของส่วนราชการต่อไป.")
    assert parsed.byline == "ทีมข่าว ปชส.พะเยา"
    assert parsed.editor == "ปชส.พะเยา"
    assert parsed.agency == "ส.ปชส.พะเยา"
    assert parsed.reads == 45


def test_str_and_utf8_bytes_give_the_same_page():
    assert parse_page(SEED.read_text(encoding="utf-8")) == parse_page(SEED.read_bytes())


# The date line ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("date_line", "expected"),
    [
        ("echo Out 14 มิถุนายน 2561 / 14:37:02", (2018, 6, 14, 14, 37, 2)),
        ("14 มิถุนายน 2561 / 14:37:02", (2018, 6, 14, 14, 37, 2)),
        ("echo Out 14 มิ.ย. 2561 / 14:37:02", (2018, 6, 14, 14, 37, 2)),
        ("3 ก.พ. 2563 / 08:05:09", (2020, 2, 3, 8, 5, 9)),
        ("echo Out ๑๔ มิถุนายน ๒๕๖๑ / ๑๔:๓๗:๐๒", (2018, 6, 14, 14, 37, 2)),
        ("๑๔ มิถุนายน ๒๕๖๑", (2018, 6, 14, 0, 0, 0)),
        ("echo Out 1 ตุลาคม 2560", (2017, 10, 1, 0, 0, 0)),
        ("echo Out 1 ตุลาคม 2560 / ", (2017, 10, 1, 0, 0, 0)),
        ("echo   out  31 ธ.ค. 2562 / 23:59:59  ", (2019, 12, 31, 23, 59, 59)),
    ],
)
def test_date_line_variants(date_line, expected):
    parsed = parse_page(page(date=date_line))
    assert parsed.published_at == datetime(*expected, tzinfo=BANGKOK)


def test_a_weekday_before_the_date_is_read_past():
    parsed = parse_page(page(date="echo Out วันพฤหัสบดีที่ 14 มิถุนายน 2561 / 14:37"))
    assert parsed.published_at == datetime(2018, 6, 14, 14, 37, tzinfo=BANGKOK)


def test_legacy_id_is_the_christian_era_publication_time():
    parsed = parse_page(page(date="echo Out 5 ม.ค. 2562 / 07:08:09"))
    assert parsed.legacy_id == "190105070809"


def test_no_time_gives_midnight_and_a_midnight_legacy_id():
    parsed = parse_page(page(date="๑๔ มิ.ย. ๒๕๖๑"))
    assert parsed.legacy_id == "180614000000"


@pytest.mark.parametrize(
    "date_line",
    [
        "echo Out 31 กุมภาพันธ์ 2561 / 10:00:00",  # no such day
        "echo Out 14 มิถุนาย 2561 / 14:37:02",  # misspelt month
        "echo Out 14 มิถุนายน 2561 / 25:00:00",  # no such hour
        "echo Out",
    ],
)
def test_a_malformed_date_names_the_date_and_its_line(date_line):
    with pytest.raises(LegacyPageError) as caught:
        parse_page(page(date=date_line))
    assert caught.value.field == "date"
    assert caught.value.line == 2
    assert "บรรทัด 2" in str(caught.value)


def test_a_christian_era_year_is_refused():
    with pytest.raises(LegacyPageError) as caught:
        parse_page(page(date="echo Out 14 มิถุนายน 2018 / 14:37:02"))
    assert caught.value.field == "date"
    assert "พุทธศักราช" in caught.value.reason


def test_a_date_line_without_echo_out_that_is_malformed_is_named():
    with pytest.raises(LegacyPageError) as caught:
        parse_page(page(date="32 มิถุนายน 2561 / 14:37:02"))
    assert (caught.value.field, caught.value.line) == ("date", 2)


def test_a_page_without_a_date_is_refused():
    text = "\n".join([BANNER, TITLE, "", *BODY, "", *FIELDS, *CHROME])
    with pytest.raises(LegacyPageError) as caught:
        parse_page(text)
    assert caught.value.field == "date"


def test_a_date_in_the_headline_is_not_taken_for_the_date_line():
    title = "ประชุมคณะกรรมการ 14 มิถุนายน 2561 ที่ศาลากลาง"
    parsed = parse_page(page(date="echo Out 15 มิ.ย. 2561", head=(title,)))
    assert parsed.title == title
    assert parsed.published_at.day == 15


# Headline and lead -------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "lead"),
    [
        ((TITLE,), ""),  # once, no lead
        ((TITLE, TITLE), ""),  # title and heading, no lead
        ((TITLE, TITLE, TITLE), TITLE),  # the lead repeats the headline
        ((TITLE, TITLE, SUMMARY), SUMMARY),  # the lead is a longer summary
        ((TITLE, SUMMARY), SUMMARY),  # headline once, then the summary
        ((f"{TITLE}   {TITLE}",), ""),  # title and heading on one line
        ((f"{TITLE} {TITLE}", SUMMARY), SUMMARY),
        ((f"{TITLE} {TITLE}", TITLE), TITLE),
    ],
)
def test_headline_and_lead_variants(head, lead):
    parsed = parse_page(page(head=head))
    assert parsed.title == TITLE
    assert parsed.lead == lead
    assert parsed.paragraphs == tuple(BODY)


def test_lead_absent_and_no_blank_line_before_the_body():
    # Headline then the body straight away: a long paragraph unlike the
    # headline is body, not lead.
    lines = [BANNER, "echo Out 14 มิถุนายน 2561", TITLE, TITLE, *BODY, *FIELDS]
    parsed = parse_page("\n".join([*lines, *CHROME]))
    assert parsed.lead == ""
    assert parsed.paragraphs == tuple(BODY)


def test_headline_spacing_differences_still_count_as_repeats():
    spaced = TITLE.replace(" ", "  ")
    parsed = parse_page(page(head=(TITLE, spaced, SUMMARY)))
    assert parsed.lead == SUMMARY


def test_a_page_without_a_headline_is_refused():
    with pytest.raises(LegacyPageError) as caught:
        parse_page("\n".join([BANNER, "echo Out 1 ม.ค. 2562", "", *FIELDS, *CHROME]))
    assert (caught.value.field, caught.value.line) == ("title", 3)


def test_a_headline_longer_than_the_title_column_is_refused():
    with pytest.raises(LegacyPageError) as caught:
        parse_page(page(head=("ข่าว" * 200,)))
    assert caught.value.field == "title"


# Chrome and footer ------------------------------------------------------------


def test_chrome_and_footer_never_reach_the_fields_or_the_body():
    parsed = parse_page(page())
    text = " ".join([parsed.title, parsed.lead, *parsed.paragraphs])
    for noise in ["LINE it!", "Editor Login", "Name", "Pass", "แฟ็กซ์", "50-100"]:
        assert noise not in text
    assert parsed.paragraphs == tuple(BODY)


def test_chrome_without_labelled_fields_still_ends_the_body():
    parsed = parse_page(page(fields=[], footer=[]))
    assert parsed.paragraphs == tuple(BODY)


def test_footer_without_chrome_ends_the_body():
    parsed = parse_page(page(fields=[], chrome=[]))
    assert parsed.paragraphs == tuple(BODY)
