"""A visitor finds their way in a real Chromium: the header menu on a phone and
on a desktop, a province page, breadcrumbs, the featured lead and a pinned
notice that goes away by itself. Screenshots go to artifacts/."""

import os
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connections
from django.utils import timezone

from articles.models import Agency, Notice
from tests.factories import make_article

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(),
        reason=f"{CHROMIUM} is absent: run `make browser-deps` (Debian's chromium)",
    ),
]


@pytest.fixture
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--no-first-run"],
        )
        yield browser
        browser.close()
        connections.close_all()


def open_page(browser, viewport, errors):
    context = browser.new_context(viewport=viewport, locale="th-TH")
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console",
        lambda message: message.type == "error" and errors.append(message.text),
    )
    return context, page


def test_phone_menu_leads_to_a_province_page_with_breadcrumbs(live_server, browser):
    nan = make_article(agency=Agency.objects.get(slug="pr-nan"), title="ข่าวเมืองน่าน")
    make_article(agency=Agency.objects.get(slug="pr-phrae"), title="ข่าวเมืองแพร่")
    errors = []
    context, page = open_page(browser, PHONE, errors)
    page.goto(live_server.url + "/")
    assert not page.locator(".site-nav").is_visible()  # the wide menu is hidden
    link = page.locator(".phone-menu a", has_text="น่าน")
    assert not link.is_visible()
    page.click(".phone-menu summary")  # opens with no script at all
    assert link.is_visible()
    link.click()
    page.wait_for_url("**/province/nan/")
    assert page.locator("h1").inner_text() == "ข่าวจังหวัดน่าน"
    assert page.locator(".card-title", has_text=nan.title).is_visible()
    assert page.locator(".card-title", has_text="ข่าวเมืองแพร่").count() == 0
    crumbs = page.locator('nav[aria-label="breadcrumb"] li')
    assert crumbs.all_inner_texts() == ["หน้าแรก", "จังหวัดน่าน"]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "province_390.png"), full_page=True)

    # From the article, the trail leads back up to its agency and province.
    page.click(f"text={nan.title}")
    page.wait_for_url(f"**/news/{nan.pk}/")
    page.click('nav[aria-label="breadcrumb"] >> text=ส.ปชส.น่าน')
    page.wait_for_url("**/agency/pr-nan/")
    page.click('nav[aria-label="breadcrumb"] >> text=จังหวัดน่าน')
    page.wait_for_url("**/province/nan/")
    assert errors == [], errors
    context.close()


def test_desktop_menu_search_box_and_featured_lead_in_a_grid(live_server, browser):
    now = timezone.now()
    featured = make_article(
        title="ข่าวเด่นของบรรณาธิการ",
        is_featured=True,
        published_at=now - timedelta(hours=5),
    )
    for n in range(6):
        make_article(title=f"ข่าวล่าสุดลำดับ {n}", published_at=now - timedelta(hours=1))
    errors = []
    context, page = open_page(browser, DESKTOP, errors)
    page.goto(live_server.url + "/")
    assert page.locator(".site-nav").is_visible()
    assert not page.locator(".phone-menu").is_visible()
    assert page.locator(".lead-title").inner_text() == featured.title
    # The grid uses the width: cards of one row side by side.
    boxes = [card.bounding_box() for card in page.locator(".card-grid .card").all()]
    assert len({round(box["y"]) for box in boxes[:3]}) == 1
    assert len({round(box["x"]) for box in boxes[:3]}) == 3
    most_read = page.locator(".most-read").bounding_box()
    grid = page.locator(".card-grid").bounding_box()
    assert most_read["x"] > grid["x"] + grid["width"]  # beside it, not below
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "home_1366.png"), full_page=True)

    page.fill("#header-search-q", "ลำดับ")
    page.press("#header-search-q", "Enter")
    page.wait_for_url("**/search/?q=*")
    page.goto(live_server.url + "/")
    page.click(".site-nav >> text=NBT North")
    page.wait_for_url("**/agency/nbt-north/")
    assert errors == [], errors
    context.close()


def test_a_pinned_notice_shows_until_it_expires(live_server, browser):
    article = make_article(title="ข่าวระหว่างประกาศ")
    Notice.objects.create(
        text="เตือนภัยน้ำป่าไหลหลาก",
        link=article.get_absolute_url(),
        expires_at=timezone.now() + timedelta(seconds=3),
    )
    errors = []
    context, page = open_page(browser, PHONE, errors)
    for url in ("/", article.get_absolute_url()):
        page.goto(live_server.url + url)
        assert page.locator(".notice").inner_text().startswith("ข่าวด่วน")
    page.click(".notice a")
    page.wait_for_url(f"**/news/{article.pk}/")
    time.sleep(3.2)
    for url in ("/", article.get_absolute_url()):
        page.goto(live_server.url + url)
        assert page.locator(".notice").count() == 0, url
    assert errors == [], errors
    context.close()
