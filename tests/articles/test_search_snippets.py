"""Snippets of long bodies are cut from the stretch about the first term, and
come out as they would from the whole text."""

from articles.search.snippets import html_around_first, snippet
from articles.search.text import plain_text


def _body(middle):
    before = "".join(
        f'<p class="x">ย่อหน้าก่อน {n} เรื่องทั่วไปของจังหวัด</p>' for n in range(80)
    )
    after = "".join(f"<p>ย่อหน้าหลัง {n} <b>ข่าวอื่น</b></p>" for n in range(80))
    return before + f"<p>{middle}</p>" + after


def test_the_stretch_about_the_first_term_gives_the_same_snippet():
    body = _body("ชาวสวนลำไยส่งออกไปต่างประเทศได้ราคาดี")
    piece = html_around_first(body, ["ลำไย"])
    assert len(piece) < len(body) // 4
    assert piece.find("<") < piece.find(">")  # no tag cut in two at the start
    assert piece.rfind("<") < piece.rfind(">")  # nor at the end
    whole = snippet(plain_text(body), ["ลำไย"])
    assert snippet(plain_text(piece), ["ลำไย"]) == whole
    assert "<mark>ลำไย</mark>" in whole and whole.startswith("… ")


def test_thai_digits_are_found_as_stored_and_shown_as_written():
    body = _body("งบประมาณปี ๒๕๖๗ จำนวน ๑,๕๐๐ ล้านบาท")
    piece = html_around_first(body, ["2567"])
    assert len(piece) < len(body) // 4
    shown = snippet(plain_text(body), ["1500"])
    assert "<mark>๑,๕๐๐</mark>" in shown and "๒๕๖๗" in shown
