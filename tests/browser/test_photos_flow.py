"""An editor uploads three photos at once, describes them, picks the lead photo
and publishes; a visitor on a phone sees the lead thumbnail on the home card,
the lead photo with its caption and credit on the article, and the other two
as a gallery. Screenshots at 390 and 1366 px go to artifacts/."""

import io
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from PIL import Image

from articles.models import Agency, Article
from tests.browser.conftest import CHROMIUM, EDITOR_READY, log_in
from tests.factories import make_article, make_user

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"
PASSWORD = "browser-photos-password-7"
TITLE = "พะเยาจัดงานกาชาดและของดีเมืองพะเยา"
TEXTS = [
    ("ซุ้มร้านค้าในงานกาชาด", "ซุ้มร้านค้าของดีทุกอำเภอ", "สมศรี ถ่ายภาพ"),
    ("ผู้ว่าราชการจังหวัดตัดริบบิ้นเปิดงาน", "พิธีเปิดงานกาชาด", "ประชาสัมพันธ์จังหวัดพะเยา"),
    ("ประชาชนเดินชมงานยามค่ำ", "บรรยากาศยามค่ำคืน", "สมชาย ถ่ายภาพ"),
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(),
        reason=f"{CHROMIUM} is absent: run `make browser-deps` (Debian's chromium)",
    ),
]


@pytest.fixture
def photo_files(tmp_path):
    paths = []
    for n, colour in enumerate([(200, 60, 40), (40, 120, 180), (60, 160, 80)]):
        image = Image.new("RGB", (1600, 1000), colour)
        image.paste((240, 220, 90), (200 + n * 300, 300, 700 + n * 300, 700))
        buffer = io.BytesIO()
        image.save(buffer, "JPEG")
        path = tmp_path / f"kachad-{n + 1}.jpg"
        path.write_bytes(buffer.getvalue())
        paths.append(str(path))
    return paths


def loaded(locator):
    """The image's chosen source once it has loaded (lazy ones scrolled to)."""
    locator.scroll_into_view_if_needed()
    locator.page.wait_for_function(
        "(img) => img.complete && img.naturalWidth > 0", arg=locator.element_handle()
    )
    return locator.evaluate("(img) => img.currentSrc")


def test_three_photos_a_lead_a_caption_and_a_gallery(
    live_server, browser, photo_files, settings
):
    settings.ROOT_URLCONF = "tests.browser.urls"
    agency = Agency.objects.get(slug="pr-phayao")
    make_user("photos-editor", password=PASSWORD, agencies=[agency])
    # The home page's lead story is another (featured) one: ours is a card.
    make_article(
        title="ข่าวเด่นของสัปดาห์",
        is_featured=True,
        published_at=timezone.now() - timedelta(days=1),
    )
    article = make_article(
        title=TITLE,
        body="<p>จังหวัดพะเยาจัดงานกาชาดประจำปี ณ บริเวณศาลากลางจังหวัด</p>",
        status=Article.Status.DRAFT,
        published_at=None,
    )
    errors = []
    editor = browser.new_context(locale="th-TH")
    page = editor.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    log_in(page, live_server.url, "photos-editor", PASSWORD)
    page.goto(f"{live_server.url}/desk/articles/{article.pk}/edit/")

    # Three photos in one go, through the panel's multiple file input.
    page.set_input_files("#id_photos", photo_files)
    page.click("text=อัปโหลดภาพ")
    page.wait_for_selector("text=เพิ่มภาพแล้ว 3 ภาพ")
    photos = list(article.photos.all())
    assert len(photos) == 3
    for photo, (alt, caption, credit) in zip(photos, TEXTS, strict=True):
        page.fill(f"#id_photo-{photo.pk}-alt", alt)
        page.fill(f"#id_photo-{photo.pk}-caption", caption)
        page.fill(f"#id_photo-{photo.pk}-credit", credit)
    lead = photos[1]
    page.check(f"input[name=lead][value='{lead.pk}']")
    page.click("text=บันทึกรายละเอียดภาพ")
    page.wait_for_selector("text=บันทึกรายละเอียดภาพแล้ว")
    article.refresh_from_db()
    assert article.lead_photo_id == lead.pk

    page.wait_for_function(EDITOR_READY)
    page.click("button[value=publish]")
    page.wait_for_selector("text=เผยแพร่ข่าวแล้ว")
    assert errors == [], errors
    editor.close()

    visitor = browser.new_context(
        locale="th-TH", viewport={"width": 390, "height": 844}, device_scale_factor=2
    )
    reader = visitor.new_page()
    reader.goto(live_server.url + "/")
    card = reader.locator("article.card", has_text=TITLE)
    thumbnail = loaded(card.locator(".card-photo img"))
    # At twice 128 px: the 400 px WebP of the lead photo, not the original.
    assert thumbnail.endswith(lead.renditions[1]["webp"]), thumbnail
    ARTIFACTS.mkdir(exist_ok=True)
    reader.screenshot(path=str(ARTIFACTS / "photos_home_390.png"), full_page=True)

    card.locator(".card-title a").click()
    reader.wait_for_url(f"**/news/{article.pk}/")
    figure = reader.locator("figure.lead-figure")
    assert loaded(figure.locator("img")).endswith(".webp")
    assert figure.locator("img").get_attribute("alt") == TEXTS[1][0]
    caption = figure.locator("figcaption").inner_text()
    assert TEXTS[1][1] in caption and f"ภาพ: {TEXTS[1][2]}" in caption
    gallery = reader.locator(".gallery figure")
    assert gallery.count() == 2
    shown = [gallery.nth(n).locator("img").get_attribute("alt") for n in range(2)]
    assert shown == [TEXTS[0][0], TEXTS[2][0]]
    assert f"ภาพ: {TEXTS[2][2]}" in gallery.nth(1).inner_text()
    # Each opens the full size.
    href = gallery.nth(0).locator("a").get_attribute("href")
    full = reader.request.get(live_server.url + href)
    assert full.ok and full.headers["content-type"] == "image/jpeg"
    for n in range(2):
        loaded(gallery.nth(n).locator("img"))
    reader.screenshot(path=str(ARTIFACTS / "photos_article_390.png"), full_page=True)
    visitor.close()

    wide = browser.new_context(locale="th-TH", viewport={"width": 1366, "height": 900})
    desktop = wide.new_page()
    for name, url in (("home", "/"), ("article", article.get_absolute_url())):
        desktop.goto(live_server.url + url)
        for n in range(desktop.locator("main img").count()):
            loaded(desktop.locator("main img").nth(n))
        desktop.screenshot(
            path=str(ARTIFACTS / f"photos_{name}_1366.png"), full_page=True
        )
    wide.close()
