"""parse_page: the labelled fields, and the example pages in tests/data/legacy."""

import pytest

from articles.legacy import LegacyPageError, parse_page
from tests.articles.legacy_pages import (
    BANNER,
    BODY,
    CHROME,
    DATA,
    FIELDS,
    page,
)

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
