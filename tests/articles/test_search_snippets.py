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


def test_a_term_not_found_as_stored_keeps_the_whole_body():
    body = _body("งบประมาณปี ๒๕๖๗")  # Thai digits: found only once normalised
    assert html_around_first(body, ["2567"]) == body
    assert "<mark>2567</mark>" in snippet(plain_text(body), ["2567"])
