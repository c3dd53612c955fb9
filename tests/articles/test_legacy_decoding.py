"""parse_page on broken files and in every encoding the legacy exports used."""

import pytest

from articles.legacy import LegacyPageError, parse_page
from tests.articles.legacy_pages import (
    BANNER,
    BODY,
    DATA,
    SEED,
    TITLE,
    page,
)

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
