"""parse_page: every variant of the legacy page, each on an example page."""

from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.legacy import LegacyPage, LegacyPageError, parse_page
from articles.thai import BANGKOK

DATA = Path(__file__).resolve().parents[1] / "data" / "legacy"
SEED = DATA / "000_7811fc035658fd07.txt"

BANNER = "ข่าวภาคเหนือตอนบน สำนักประชาสัมพันธ์เขต 3"
TITLE = "พะเยาจัดงานส่งเสริมการท่องเที่ยวกว๊านพะเยา ประจำปี 2562"
SUMMARY = (
    "จังหวัดพะเยาจัดงานส่งเสริมการท่องเที่ยวกว๊านพะเยา ประจำปี 2562 "
    "เพื่อกระตุ้นเศรษฐกิจและรายได้ของชุมชนรอบกว๊าน"
)
BODY = [
    "นายอำเภอเมืองพะเยา เป็นประธานเปิดงาน ณ ลานอเนกประสงค์ริมกว๊านพะเยา "
    "โดยมีส่วนราชการ ภาคเอกชน และประชาชนร่วมงานจำนวนมาก",
    "ภายในงานมีการแข่งขันเรือพาย การแสดงศิลปวัฒนธรรมพื้นบ้าน และการจำหน่ายสินค้าหนึ่งตำบลหนึ่งผลิตภัณฑ์",
]
FIELDS = [
    "ข่าวโดย : ทีมข่าว ปชส.พะเยา",
    "บรรณาธิการ : ปชส.พะเยา",
    "หน่วยงาน : ส.ปชส.พะเยา",
    "อ่าน : 120",
]
CHROME = ["LINE it!", "Editor Login", "Name :", "Pass :"]
FOOTER = [
    "จัดทำและบริหารระบบ โดย ศูนย์เทคโนโลยีสารสนเทศและการสื่อสาร",
    "สำนักประชาสัมพันธ์เขต 3 จังหวัดเชียงใหม่",
    "49 ถนนประชาสัมพันธ์ ตำบลช้างคลาน อำเภอเมือง เชียงใหม่ 50-100",
    "โทร. 0-5328-3734 / แฟ็กซ์. 0-5328-3738",
]


def page(
    *,
    date="echo Out 14 มิถุนายน 2561 / 14:37:02",
    head=(TITLE, TITLE, SUMMARY),
    body=BODY,
    fields=FIELDS,
    chrome=CHROME,
    footer=FOOTER,
):
    """A legacy page laid out as the old site printed it."""
    lines = [BANNER, date, *head, "", *body, "", "", *fields, "", *chrome, *footer]
    return "\n".join(lines)


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


# Labelled fields -------------------------------------------------------------


@pytest.mark.parametrize(
    "fields",
    [
        ["ข่าวโดย : ทีมข่าว ปชส.พะเยา", "บรรณาธิการ : ปชส.พะเยา", "หน่วยงาน : ส.ปชส.พะเยา"],
        ["ข่าวโดย:ทีมข่าว ปชส.พะเยา", "บรรณาธิการ:ปชส.พะเยา", "หน่วยงาน:ส.ปชส.พะเยา"],
        ["ข่าวโดย  :   ทีมข่าว ปชส.พะเยา", "บรรณาธิการ :ปชส.พะเยา", "หน่วยงาน: ส.ปชส.พะเยา"],
        [
            "ข่าวโดย\u00a0:\u00a0ทีมข่าว ปชส.พะเยา ",
            "บรรณาธิการ：ปชส.พะเยา",
            "หน่วยงาน : ส.ปชส.พะเยา",
        ],
    ],
)
def test_labelled_fields_with_any_spacing_around_the_colon(fields):
    parsed = parse_page(page(fields=[*fields, "อ่าน : 9"]))
    assert parsed.byline == "ทีมข่าว ปชส.พะเยา"
    assert parsed.editor == "ปชส.พะเยา"
    assert parsed.agency == "ส.ปชส.พะเยา"


@pytest.mark.parametrize(
    ("line", "reads"),
    [
        ("อ่าน : 45", 45),
        ("อ่าน:45", 45),
        ("อ่าน : 1,053 ครั้ง", 1053),
        ("อ่าน : 1,053ครั้ง", 1053),
        ("อ่าน : 12,345,678", 12345678),
        ("อ่าน : ๑,๐๕๓ ครั้ง", 1053),
        ("อ่าน 45 ครั้ง", 45),
        ("อ่าน : 0", 0),
        ("อ่าน :", None),
    ],
)
def test_read_count_variants(line, reads):
    parsed = parse_page(page(fields=[*FIELDS[:3], line]))
    assert parsed.reads == reads


@pytest.mark.parametrize("value", ["มาก", "12a", "1,2,3x", "9" * 20])
def test_a_malformed_read_count_names_the_field_and_line(value):
    text = page(fields=[*FIELDS[:3], f"อ่าน : {value}"])
    line = text.split("\n").index(f"อ่าน : {value}") + 1
    with pytest.raises(LegacyPageError) as caught:
        parse_page(text)
    assert (caught.value.field, caught.value.line) == ("reads", line)


@pytest.mark.parametrize("missing", range(4))
def test_any_labelled_field_may_be_missing(missing):
    fields = [f for i, f in enumerate(FIELDS) if i != missing]
    parsed = parse_page(page(fields=fields))
    values = [parsed.byline, parsed.editor, parsed.agency, parsed.reads]
    assert values[missing] in ("", None)
    assert sum(v in ("", None) for v in values) == 1


def test_a_page_with_no_labelled_fields_keeps_date_title_and_body():
    parsed = parse_page(page(fields=[]))
    assert (parsed.byline, parsed.editor, parsed.agency, parsed.reads) == (
        "",
        "",
        "",
        None,
    )
    assert parsed.paragraphs == tuple(BODY)


def test_a_body_paragraph_that_begins_like_a_label_stays_in_the_body():
    body = ["หน่วยงาน : ทุกภาคส่วนร่วมกันรณรงค์ลดการเผาในที่โล่ง", *BODY]
    parsed = parse_page(page(body=body))
    assert parsed.paragraphs == tuple(body)
    assert parsed.agency == "ส.ปชส.พะเยา"


def test_other_labels_among_the_fields_are_ignored():
    fields = [*FIELDS[:2], "ภาพ : ทีมข่าว", *FIELDS[2:]]
    parsed = parse_page(page(fields=fields))
    assert (parsed.byline, parsed.agency, parsed.reads) == (
        "ทีมข่าว ปชส.พะเยา",
        "ส.ปชส.พะเยา",
        120,
    )
    assert parsed.paragraphs == tuple(BODY)


def test_fields_printed_after_the_share_button_are_still_read():
    text = page(fields=[], chrome=["LINE it!", *FIELDS, "Editor Login"])
    parsed = parse_page(text)
    assert parsed.reads == 120
    assert parsed.paragraphs == tuple(BODY)


def test_labelled_fields_straight_after_the_date_leave_no_headline():
    text = "\n".join([BANNER, "echo Out 1 ม.ค. 2562", *FIELDS, *CHROME])
    with pytest.raises(LegacyPageError) as caught:
        parse_page(text)
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


# Truncated and broken pages -----------------------------------------------------


def test_a_page_cut_in_the_body_is_refused_as_incomplete():
    text = "\n".join([BANNER, "echo Out 14 มิถุนายน 2561", TITLE, "", BODY[0][:40]])
    with pytest.raises(LegacyPageError) as caught:
        parse_page(text)
    assert caught.value.field == "end"
    assert "ถูกตัด" in caught.value.reason


@pytest.mark.parametrize("keep", [2, 5, 7, 11, 12, 14, 15])
def test_the_seed_cut_after_any_line_before_its_chrome_is_refused(keep):
    lines = SEED.read_text(encoding="utf-8").split("\n")[:keep]
    with pytest.raises(LegacyPageError) as caught:
        parse_page("\n".join(lines))
    assert caught.value.field in ("title", "end")


def test_the_seed_cut_inside_its_chrome_or_footer_still_has_everything():
    lines = SEED.read_text(encoding="utf-8").split("\n")
    assert parse_page("\n".join(lines[:16])) == parse_page(SEED.read_bytes())


def test_a_utf8_file_cut_inside_a_character_is_refused():
    data = page().encode("utf-8")
    cut = data[: data.index("ข่าวโดย".encode()) + 1]
    with pytest.raises(LegacyPageError) as caught:
        parse_page(cut)
    assert caught.value.field == "file"
    assert "ถูกตัด" in caught.value.reason


@pytest.mark.parametrize("raw", [b"", b"   \n\r\n\t", "", "\ufeff", b"\xef\xbb\xbf"])
def test_an_empty_file_is_refused(raw):
    with pytest.raises(LegacyPageError) as caught:
        parse_page(raw)
    assert caught.value.field == "file"
    assert "ว่าง" in caught.value.reason


@pytest.mark.parametrize(
    "raw",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
        bytes(range(256)) * 4,
        b"\x81\x82\x83\x84\xfc\xfd\xfe\xff" * 50,
    ],
)
def test_a_binary_file_is_refused(raw):
    with pytest.raises(LegacyPageError) as caught:
        parse_page(raw)
    assert caught.value.field == "file"


def test_damaged_utf8_is_not_mistaken_for_cp874():
    data = page().encode("utf-8")
    middle = data.index("นายอำเภอ".encode())
    with pytest.raises(LegacyPageError) as caught:
        parse_page(data[:middle] + b"\xff" + data[middle:])
    assert caught.value.field == "file"
    assert caught.value.line == 7  # the first body paragraph


# Encodings ------------------------------------------------------------------------


def test_a_cp874_page_reads_like_its_utf8_twin():
    text = page()
    assert parse_page(text.encode("cp874")) == parse_page(text)


def test_a_tis620_page_reads_like_its_utf8_twin():
    text = page()
    assert parse_page(text.encode("tis_620")) == parse_page(text)


def test_utf8_with_a_byte_order_mark_and_windows_line_ends():
    text = page().replace("\n", "\r\n")
    assert parse_page(b"\xef\xbb\xbf" + text.encode("utf-8")) == parse_page(page())
    assert parse_page("\ufeff" + text) == parse_page(page())


def test_the_cp874_fixture_with_crlf_line_ends():
    parsed = parse_page((DATA / "phrae_cp874.txt").read_bytes())
    assert parsed.title == "แพร่ส่งเสริมการทอผ้าหม้อห้อมสู่ตลาดสากล"
    assert parsed.agency == "ส.ปชส.แพร่"
    assert parsed.reads == 88
    assert len(parsed.paragraphs) == 2


def test_zero_width_characters_do_not_split_the_headline():
    parsed = parse_page(page(head=(TITLE, TITLE[:10] + "\u200b" + TITLE[10:])))
    assert parsed.title == TITLE
    assert parsed.lead == ""


# Example pages in tests/data/legacy -------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "lampang_short_month.txt",
            {
                "legacy_id": "200203080509",
                "title": "ลำปางจัดงานวันเด็กแห่งชาติ เด็กและเยาวชนร่วมกิจกรรมคึกคัก",
                "byline": "ทีมข่าว ปชส.ลำปาง",
                "editor": "ปชส.ลำปาง",
                "agency": "ส.ปชส.ลำปาง",
                "reads": 1053,
            },
        ),
        (
            "chiangrai_thai_digits.txt",
            {
                "legacy_id": "190821091500",
                "title": "เชียงรายเตรียมพร้อมรับมือน้ำหลากช่วงฤดูฝน",
                "lead": "เชียงรายเตรียมพร้อมรับมือน้ำหลากช่วงฤดูฝน",
                "agency": "สวท.เชียงราย",
                "reads": 12,
            },
        ),
        (
            "nan_run_together.txt",
            {
                "legacy_id": "171001000000",
                "title": "น่านรณรงค์ปลูกป่าต้นน้ำเฉลิมพระเกียรติ",
                "lead": "",
                "editor": "",
                "agency": "สวท.น่าน",
                "reads": 7,
            },
        ),
        (
            "minimal_no_fields.txt",
            {
                "legacy_id": "161205190000",
                "title": "พ่อเมืองเชียงใหม่นำประชาชนจุดเทียนชัยถวายพระพร",
                "paragraphs": (),
                "agency": "",
                "reads": None,
            },
        ),
    ],
)
def test_example_pages(name, expected):
    parsed = parse_page((DATA / name).read_bytes())
    for field, value in expected.items():
        assert getattr(parsed, field) == value, field


def test_markup_like_text_is_kept_as_text():
    parsed = parse_page((DATA / "lampang_short_month.txt").read_bytes())
    assert parsed.paragraphs[1].endswith("ร่วมสนุก & เรียนรู้ <ไปพร้อมกัน>")


# Random and mangled input -------------------------------------------------------------

SEED_LINES = SEED.read_text(encoding="utf-8").split("\n")
THAI_AND_NOISE = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x0E01, max_codepoint=0x0E5B),
        st.sampled_from(list(" :/.,\n\r\t0123456789๐๑๒๓๔๕๖๗๘๙")),
        st.characters(),
    ),
    max_size=300,
)


def _check(raw):
    """The property: fields that make sense, or the parser's own error."""
    try:
        parsed = parse_page(raw)
    except LegacyPageError as exc:
        assert exc.field
        assert str(exc)
        return
    assert isinstance(parsed, LegacyPage)
    assert parsed.title.strip()
    assert parsed.published_at.tzinfo is not None
    assert len(parsed.legacy_id) == 12 and parsed.legacy_id.isdigit()
    assert parsed.reads is None or parsed.reads >= 0
    assert "\x00" not in parsed.title + parsed.lead + "".join(parsed.paragraphs)


@st.composite
def mangled_seed(draw):
    lines = list(SEED_LINES)
    for _ in range(draw(st.integers(0, 6))):
        operation = draw(st.sampled_from(["drop", "dup", "swap", "insert", "edit"]))
        at = draw(st.integers(0, max(len(lines) - 1, 0)))
        if not lines:
            lines.append(draw(THAI_AND_NOISE))
        elif operation == "drop":
            del lines[at]
        elif operation == "dup":
            lines.insert(at, lines[at])
        elif operation == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
        elif operation == "insert":
            lines.insert(at, draw(THAI_AND_NOISE))
        else:
            line = lines[at]
            cut = draw(st.integers(0, len(line)))
            lines[at] = line[:cut] + draw(THAI_AND_NOISE) + line[cut:]
    text = "\n".join(lines)
    encoding = draw(st.sampled_from(["str", "utf-8", "utf-8-sig", "cp874"]))
    if encoding == "str":
        return text
    data = text.encode(encoding, errors="replace")
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    return data


@settings(max_examples=300, deadline=None)
@given(st.one_of(THAI_AND_NOISE, st.binary(max_size=400)))
def test_random_text_and_bytes_give_fields_or_the_parsers_error(raw):
    _check(raw)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mangled_seed())
def test_mangled_seed_pages_give_fields_or_the_parsers_error(raw):
    _check(raw)


@settings(max_examples=200, deadline=None)
@given(
    date=st.one_of(
        THAI_AND_NOISE.map(lambda s: "echo Out " + s.replace("\n", " ")),
        st.builds(
            "{} {} {} / {}:{}:{}".format,
            st.integers(-5, 40),
            st.sampled_from(["มิถุนายน", "ก.พ.", "ธค", "เดือน", "มี.ค."]),
            st.integers(0, 99999),
            st.integers(-1, 99),
            st.integers(0, 99),
            st.integers(0, 99),
        ),
    ),
    reads=THAI_AND_NOISE.map(lambda s: s.replace("\n", " ")),
)
def test_mangled_dates_and_counts_give_fields_or_the_parsers_error(date, reads):
    _check(page(date=date, fields=[*FIELDS[:3], f"อ่าน : {reads}"]))
