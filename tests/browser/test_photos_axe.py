"""axe-core finds nothing on the demo site's home page and a photo article, on
a phone (390 px) and a laptop (1366 px), and neither is wider than the screen;
their screenshots go to artifacts/. axe-core's script comes with the
axe-playwright-python test dependency (or set AXE_JS to another axe.min.js)."""

import os
from importlib.resources import files
from pathlib import Path

import pytest

from articles.demo_photos import DEMO_PHOTOS
from articles.models import Article
from articles.services.demo import demo_seed
from tests.browser.conftest import CHROMIUM
from tests.browser.test_photos_flow import ARTIFACTS

AXE_JS = Path(
    os.environ.get("AXE_JS")
    or str(files("axe_playwright_python").joinpath("axe.min.js"))
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is absent"),
    pytest.mark.skipif(not AXE_JS.exists(), reason=f"axe-core is absent ({AXE_JS})"),
]

VIOLATIONS = """async () => (await axe.run(document, {
    runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
})).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(" ")}`)"""


@pytest.mark.parametrize("width", [390, 1366])
def test_home_and_a_photo_article_have_no_axe_violations(
    live_server, browser, settings, width
):
    settings.ROOT_URLCONF = "tests.browser.urls"
    demo_seed(editor_password="axe-demo-password-1")
    featured = next(
        title for title, (_, photos) in DEMO_PHOTOS.items() if len(photos) == 3
    )
    article = Article.objects.get(title=featured)
    # The injected axe script is not the site's: let it past the page's CSP.
    context = browser.new_context(
        locale="th-TH", viewport={"width": width, "height": 900}, bypass_csp=True
    )
    page = context.new_page()
    found = {}
    ARTIFACTS.mkdir(exist_ok=True)
    for name, url in (("home", "/"), ("article", article.get_absolute_url())):
        page.goto(live_server.url + url)
        page.add_script_tag(path=str(AXE_JS))
        found[url] = page.evaluate(VIOLATIONS)
        overflow = page.evaluate("() => document.documentElement.scrollWidth")
        assert overflow <= width, (url, overflow)
        shot = ARTIFACTS / f"photos_demo_{name}_{width}.png"
        page.screenshot(path=str(shot), full_page=True)
    context.close()
    assert found == {"/": [], article.get_absolute_url(): []}
