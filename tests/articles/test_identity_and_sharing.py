"""The office's identity, the share buttons, print and the small accessibility
fixes (focus ring, skip links, the admin in Thai with Buddhist-Era dates)."""

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.utils import timezone
from PIL import Image

from articles.models import DailyRead, Notice
from tests.factories import login_verified, make_article, make_user

pytestmark = pytest.mark.django_db

CSS = Path(settings.BASE_DIR) / "static" / "css" / "site.css"


def luminance(hex_colour):
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [
        c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels
    ]
    r, g, b = linear
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b):
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_header_shows_the_emblem(client):
    html = client.get("/").content.decode()
    assert '<img class="emblem" src="/static/img/emblem.svg"' in html
    svg = ET.parse(finders.find("img/emblem.svg")).getroot()
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"


def test_the_emblem_is_a_setting(client, settings):
    settings.NEWSROOM = {**settings.NEWSROOM, "LOGO": "img/favicon.svg"}
    assert 'src="/static/img/favicon.svg"' in client.get("/").content.decode()


def test_identity_images_are_drawn_at_their_sizes(tmp_path):
    call_command(
        "make_identity_images", directory=str(tmp_path), stdout=open("/dev/null", "w")
    )
    with Image.open(tmp_path / "share-default.png") as share:
        assert share.size == (1200, 630)
    with Image.open(tmp_path / "emblem.png") as emblem:
        assert emblem.size == (512, 512)
    with Image.open(finders.find("img/share-default.png")) as committed:
        assert committed.size == (1200, 630)


def test_article_offers_line_facebook_copy_and_web_share_without_third_party_script(
    client,
):
    article = make_article()
    html = client.get(article.get_absolute_url()).content.decode()
    url = f"http://testserver{article.get_absolute_url()}"
    encoded = "http%3A%2F%2Ftestserver%2Fnews%2F" + str(article.pk) + "%2F"
    assert f"https://social-plugins.line.me/lineit/share?url={encoded}" in html
    assert f"https://www.facebook.com/sharer/sharer.php?u={encoded}" in html
    assert f'<a class="copy-link" href="{url}" data-copy-link>' in html
    assert re.search(r'<button type="button" class="web-share"[^>]* hidden>', html)
    scripts = re.findall(r"<script[^>]*\bsrc=\"([^\"]+)\"", html)
    assert scripts == ["/static/js/share.js"]
    assert finders.find("js/share.js")
    response = client.get(article.get_absolute_url())
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_focus_ring_contrasts_at_least_3_to_1_on_white():
    css = CSS.read_text()
    focus = re.search(r"--focus:\s*(#[0-9a-fA-F]{6})", css)[1]
    assert contrast(focus, "#ffffff") >= 3
    on_band = re.search(r"--focus-on-band:\s*(#[0-9a-fA-F]{6})", css)[1]
    band = re.search(r"--band:\s*(#[0-9a-fA-F]{6})", css)[1]
    assert contrast(on_band, band) >= 3


def test_print_stylesheet_prints_the_article_alone():
    css = CSS.read_text()
    block = css[css.index("@media print") :]
    hidden = block[: block.index("display: none")]
    for selector in (".site-header", ".login-box", ".site-footer", ".share", ".notice"):
        assert selector in hidden


def test_skip_links_to_content_and_to_the_login_box(client):
    html = client.get("/").content.decode()
    assert '<a class="skip-link" href="#content">' in html
    assert '<a class="skip-link" href="#login-box-title">' in html
    assert 'id="login-box-title"' in html and 'id="content"' in html


def test_the_admin_is_thai_with_buddhist_era_dates_for_an_english_browser(client):
    admin = make_user(is_staff=True, is_superuser=True)
    login_verified(client, admin)
    article = make_article(published_at=timezone.now() - timezone.timedelta(days=1))
    read = DailyRead.objects.create(article=article, day=timezone.localdate(), count=3)
    notice = Notice.objects.create(
        text="ประกาศ", expires_at=timezone.now() + timezone.timedelta(1)
    )
    # Each list shows its own row's Bangkok year in the Buddhist Era (around
    # New Year the three differ).
    for url, year in (
        ("/admin/articles/article/", timezone.localtime(article.published_at).year),
        ("/admin/articles/dailyread/", read.day.year),
        ("/admin/articles/notice/", timezone.localtime(notice.expires_at).year),
    ):
        be_year = str(year + 543)
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
        assert response.status_code == 200, url
        assert response["Content-Language"] == "th", url
        html = response.content.decode()
        assert "เปลี่ยนรหัสผ่าน" in html, url  # Django's own admin strings, in Thai
        assert be_year in html, url
    # Public pages still follow the site's language rules (untouched here).
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en").status_code == 200
