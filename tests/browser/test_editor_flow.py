"""An editor publishes from CKEditor in a real Chromium; a visitor reads it.

Needs Debian's Chromium and a Thai font (`make browser-deps`). The screenshot of
the visitor's page is saved to artifacts/ at the repository root.
"""

import io
from pathlib import Path

import pytest
from PIL import Image

from articles.models import Agency, Article, Photo
from tests.browser.conftest import CHROMIUM, EDITOR_READY
from tests.factories import make_user

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"
PASSWORD = "browser-test-password-3"
TITLE = "ผู้ว่าราชการจังหวัดพะเยาเปิดงานลำไยของดีเมืองพะเยา"
BOLD = "ประชาชนร่วมงานจำนวนมาก"

pytestmark = [
    pytest.mark.browser,
    # Restore the migrations' agencies that an earlier transactional test flushed.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(),
        reason=f"{CHROMIUM} is absent: run `make browser-deps` (Debian's chromium)",
    ),
]


@pytest.fixture
def photo_file(tmp_path):
    path = tmp_path / "lamyai.jpg"
    image = Image.new("RGB", (1600, 1000), (180, 120, 40))
    for x in range(0, 1600, 100):
        image.paste((40, 120, 180), (x, 0, x + 50, 1000))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG")
    path.write_bytes(buffer.getvalue())
    return path


def glyphs_differ(page, pairs):
    """True when each pair of Thai letters draws differently in the page's font:
    missing glyphs would all draw as the same box."""
    return page.evaluate(
        """(pairs) => pairs.every(([a, b]) => {
            const font = getComputedStyle(document.body).fontFamily;
            const draw = (ch) => {
                const c = document.createElement("canvas");
                c.width = 64; c.height = 64;
                const ctx = c.getContext("2d");
                ctx.font = `40px ${font}`;
                ctx.fillText(ch, 8, 48);
                return c.toDataURL();
            };
            return draw(a) !== draw(b);
        })""",
        pairs,
    )


def test_editor_publishes_with_ckeditor_and_a_visitor_reads_it(
    live_server, browser, photo_file, settings
):
    settings.ROOT_URLCONF = "tests.browser.urls"
    agency = Agency.objects.get(slug="pr-phayao")
    make_user("phayao-editor", password=PASSWORD, agencies=[agency])
    errors = []

    editor = browser.new_context(locale="th-TH")
    page = editor.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console",
        lambda message: message.type == "error" and errors.append(message.text),
    )

    # Log in from the box on the home page.
    page.goto(live_server.url + "/")
    page.fill("#login-box-username", "phayao-editor")
    page.fill("#login-box-password", PASSWORD)
    page.click(".login-box button[type=submit]")
    page.wait_for_url(live_server.url + "/desk/")

    # Write: a title and a body with bold text, in CKEditor.
    page.click("text=เขียนข่าวใหม่")
    page.wait_for_function(EDITOR_READY)
    page.fill("#id_title", TITLE)
    body = page.frame_locator("#cke_id_body iframe.cke_wysiwyg_frame").locator("body")
    body.click()
    page.click("#cke_id_body .cke_button__bold")
    page.keyboard.type(BOLD)
    page.click("#cke_id_body .cke_button__bold")
    page.keyboard.type(" ณ ศาลากลางจังหวัดพะเยา")
    page.click("button[value=save]")
    page.wait_for_url("**/desk/articles/*/edit/")
    article = Article.objects.get(title=TITLE)
    assert f"<strong>{BOLD}</strong>" in article.body

    # Add a photo through the image dialog's upload tab.
    page.wait_for_function(EDITOR_READY)
    page.frame_locator("#cke_id_body iframe.cke_wysiwyg_frame").locator("body").click()
    page.keyboard.press("Control+End")
    page.click("#cke_id_body .cke_button__image")
    page.click("a.cke_dialog_tab[id^='cke_Upload_']")
    page.frame_locator("iframe.cke_dialog_ui_input_file").locator(
        "input[type=file]"
    ).set_input_files(str(photo_file))
    page.click("a.cke_dialog_ui_fileButton")
    page.wait_for_function(
        "() => CKEDITOR.dialog.getCurrent() "
        "&& CKEDITOR.dialog.getCurrent().getValueOf('info', 'txtUrl') !== ''"
    )
    page.evaluate(
        "() => CKEDITOR.dialog.getCurrent().setValueOf('info', 'txtAlt', 'ภาพงานลำไย')"
    )
    page.click("a.cke_dialog_ui_button_ok")
    page.click("button[value=save]")
    page.wait_for_selector("text=บันทึกการแก้ไขแล้ว")
    photo = Photo.objects.get(article=article)
    article.refresh_from_db()
    assert f'src="{photo.display.url}"' in article.body
    assert 'alt="ภาพงานลำไย"' in article.body

    # Publish.
    page.click("button[value=publish]")
    page.wait_for_selector("text=เผยแพร่ข่าวแล้ว")
    assert errors == [], errors
    editor.close()

    # A visitor, in a separate anonymous browser, finds it on / and reads it.
    visitor = browser.new_context(locale="th-TH")
    reader = visitor.new_page()
    reader.goto(live_server.url + "/")
    reader.click(f"text={TITLE}")
    reader.wait_for_url(f"**/news/{article.pk}/")
    assert reader.locator("h1").inner_text() == TITLE
    assert reader.locator(".body strong").inner_text() == BOLD
    assert reader.locator(".read-count").inner_text() == "1"
    loaded = reader.eval_on_selector(
        ".body img", "img => img.complete && img.naturalWidth"
    )
    assert loaded == 1200  # the display rendition, not the 1600 px original
    assert glyphs_differ(reader, [["ก", "ข"], ["ส", "ห"], ["พ", "ย"]])
    ARTIFACTS.mkdir(exist_ok=True)
    reader.screenshot(path=str(ARTIFACTS / "editor_flow_article.png"), full_page=True)
    reader.reload()
    assert reader.locator(".read-count").inner_text() == "2"
    visitor.close()
