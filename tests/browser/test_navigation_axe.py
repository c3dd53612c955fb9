"""axe-core in a real Chromium over the pages a visitor moves between: home, a
province, an article, an agency and search (with results), on a phone and a
desktop. Needs axe-core's script, from the axe-playwright-python package."""

import importlib.util
from importlib.resources import files
from pathlib import Path

import pytest

from articles.models import Agency
from tests.browser.conftest import CHROMIUM
from tests.factories import make_article

AXE_PACKAGE = "axe_playwright_python"
VIEWPORTS = ({"width": 390, "height": 844}, {"width": 1366, "height": 900})

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is absent"),
    pytest.mark.skipif(
        importlib.util.find_spec(AXE_PACKAGE) is None,
        reason="axe-core's script comes from axe-playwright-python (pip install it)",
    ),
]


def violations(page):
    # The site's Content-Security-Policy allows no injected script; the context
    # bypasses it for axe alone (the pages' own scripts still run as served).
    page.evaluate(files(AXE_PACKAGE).joinpath("axe.min.js").read_text())
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [
        (v["id"], [node["target"] for node in v["nodes"]]) for v in result["violations"]
    ]


def test_public_pages_have_no_axe_violations(live_server, browser):
    agency = Agency.objects.get(slug="pr-chiangmai")
    article = make_article(
        agency=agency, title="เชียงใหม่จัดงานลำไย", body="<p>เกษตรกรนำลำไยมาจำหน่าย</p>"
    )
    make_article(agency=agency, title="ลำไยอบแห้งเชียงใหม่", body="<p>ลำไยส่งออก</p>")
    paths = [
        "/",
        "/province/chiang-mai/",
        article.get_absolute_url(),
        agency.get_absolute_url(),
        "/search/",
        "/search/?q=ลำไย",
        "/accounts/login/",  # a page without the Editor Login box
    ]
    found = {}
    for viewport in VIEWPORTS:
        context = browser.new_context(
            viewport=viewport, locale="th-TH", bypass_csp=True
        )
        page = context.new_page()
        for path in paths:
            response = page.goto(live_server.url + path)
            assert response.status == 200, path
            if problems := violations(page):
                found[f"{viewport['width']} {path}"] = problems
        context.close()
    assert found == {}
