"""The search page's structure as assistive technology reads it: headings in
order with their heading role, and the result count announced as a status."""

from html.parser import HTMLParser

from tests.factories import make_article

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


class _Outline(HTMLParser):
    """Headings (level, role attribute) and the text inside role=status."""

    def __init__(self):
        super().__init__()
        self.headings = []
        self.status_texts = []
        self._status_depth = 0
        self._stack = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in HEADINGS:
            self.headings.append((int(tag[1]), attrs.get("role")))
        if tag in {"br", "img", "input", "meta", "link", "hr"}:
            return
        is_status = attrs.get("role") == "status"
        self._stack.append(is_status)
        if is_status:
            self._status_depth += 1
            self.status_texts.append("")

    def handle_endtag(self, tag):
        if tag in {"br", "img", "input", "meta", "link", "hr"} or not self._stack:
            return
        if self._stack.pop():
            self._status_depth -= 1

    def handle_data(self, data):
        if self._status_depth:
            self.status_texts[-1] += data


def outline(client, params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    parsed = _Outline()
    parsed.feed(response.content.decode())
    return parsed


def assert_heading_order(headings):
    levels = [level for level, _ in headings]
    assert levels and levels[0] == 1, levels
    for before, after in zip(levels, levels[1:], strict=False):
        assert after <= before + 1, f"heading h{before} is followed by h{after}"


def test_results_headings_keep_their_role_and_their_order(client, agency):
    make_article(title="ลำพูนจัดงานลำไย", body="<p>เกษตรกรนำลำไยมาจำหน่าย</p>")
    make_article(title="ลำไยอบแห้งลำพูน", body="<p>ลำไยอบแห้งส่งออก</p>")
    page = outline(client, {"q": "ลำไย"})
    assert [level for level, _ in page.headings].count(3) == 2  # the two hits
    assert all(role is None for _, role in page.headings), page.headings
    assert_heading_order(page.headings)


def test_the_count_is_announced_as_a_status(client, agency):
    make_article(title="ลำพูนจัดงานลำไย", body="<p>เกษตรกรนำลำไยมาจำหน่าย</p>")
    page = outline(client, {"q": "ลำไย"})
    assert any("พบ" in text and "1" in text for text in page.status_texts)


def test_no_results_and_guidance_pages_are_in_order_too(client, agency):
    make_article(title="ข่าวอื่น")
    empty = outline(client, {"q": "ทุเรียนภูเขาไฟ"})
    assert any("ไม่พบข่าวที่ตรงกับ" in text for text in empty.status_texts)
    assert_heading_order(empty.headings)
    assert_heading_order(outline(client, {}).headings)
