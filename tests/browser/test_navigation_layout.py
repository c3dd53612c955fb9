"""What a visitor sees and reaches in Chromium: the footer and login box lined up
with the header, no sideways scrolling on a phone, a focus ring of at least 3:1
against what surrounds it, the skip link to the Editor Login box, and an
article that prints alone."""

from pathlib import Path

import pytest

from articles.models import Agency
from tests.browser.conftest import CHROMIUM
from tests.factories import make_article

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is absent"),
]

# The ring's colour and the first opaque background behind the element's box
# (the ring is drawn outside it, outline-offset 2px), as sRGB triples.
RING_AND_GROUND = """() => {
  const el = document.activeElement;
  const rgb = (c) => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
  let node = el.parentElement, ground = 'rgb(255, 255, 255)';
  while (node) {
    const c = getComputedStyle(node).backgroundColor;
    if (c !== 'rgba(0, 0, 0, 0)') { ground = c; break; }
    node = node.parentElement;
  }
  const style = getComputedStyle(el);
  return {tag: el.tagName, style: style.outlineStyle,
          width: parseFloat(style.outlineWidth),
          ring: rgb(style.outlineColor), ground: rgb(ground)};
}"""


def contrast(first, second):
    def luminance(rgb):
        def channel(value):
            value /= 255
            return (
                value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4
            )

        red, green, blue = (channel(v) for v in rgb)
        return 0.2126 * red + 0.7152 * green + 0.0722 * blue

    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.fixture
def article(db):
    agency = Agency.objects.get(slug="pr-chiangmai")
    for number in range(4):
        make_article(agency=agency, title=f"ข่าวเชียงใหม่ลำดับ {number}")
    return make_article(agency=agency, title="เชียงใหม่จัดงานดอกไม้", lead="งานประจำปี")


def left_edge(page, selector):
    return page.evaluate(
        "(s) => { const el = document.querySelector(s);"
        " return el.getBoundingClientRect().left"
        " + parseFloat(getComputedStyle(el).paddingLeft); }",
        selector,
    )


def test_footer_and_login_box_line_up_with_the_header(live_server, browser, article):
    for path in ("/", "/province/chiang-mai/", article.get_absolute_url()):
        page = browser.new_page(viewport=DESKTOP)
        page.goto(live_server.url + path)
        header = left_edge(page, ".site-header-inner")
        assert left_edge(page, ".login-box") == pytest.approx(header, abs=1), path
        assert left_edge(page, ".site-footer") == pytest.approx(header, abs=1), path
        page.close()
        phone = browser.new_page(viewport=PHONE)
        phone.goto(live_server.url + path)
        widths = phone.evaluate(
            "() => [document.documentElement.scrollWidth, innerWidth]"
        )
        assert widths[0] <= widths[1], (path, widths)
        phone.close()


def test_every_focus_ring_has_3_to_1_against_its_ground(live_server, browser, article):
    page = browser.new_page(viewport=DESKTOP)
    page.goto(live_server.url + article.get_absolute_url())
    seen = 0
    for _ in range(60):
        page.keyboard.press("Tab")
        ring = page.evaluate(RING_AND_GROUND)
        if ring["tag"] == "BODY":
            break
        seen += 1
        assert ring["style"] != "none" and ring["width"] >= 2, ring
        assert contrast(ring["ring"], ring["ground"]) >= 3, ring
    assert seen > 10  # the header, the menu, the article's links and the login box


def test_the_skip_link_reaches_the_editor_login_box(live_server, browser, article):
    page = browser.new_page(viewport=PHONE)
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert "Editor Login" in page.evaluate("() => document.activeElement.textContent")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == "login-box-username"
    # The sign-in page has no box to skip to, and no link to one.
    page.goto(live_server.url + "/accounts/login/")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert "Editor Login" not in page.evaluate(
        "() => document.activeElement.textContent"
    )


def test_an_article_prints_alone(live_server, browser, article):
    page = browser.new_page(viewport=DESKTOP)
    page.goto(live_server.url + article.get_absolute_url())
    page.emulate_media(media="print")
    shown = page.evaluate(
        "(sels) => sels.filter((s) => [...document.querySelectorAll(s)]"
        ".some((el) => el.getClientRects().length))",
        [".site-header", ".breadcrumbs", ".share", ".login-box", ".site-footer",
         ".related", ".most-read", ".rss-follow"],
    )  # fmt: skip
    assert shown == []
    text = page.evaluate("() => document.querySelector('main').innerText")
    assert "เชียงใหม่จัดงานดอกไม้" in text and "งานประจำปี" in text
