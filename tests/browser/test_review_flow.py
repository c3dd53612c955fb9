"""A reporter writes and submits, the editor returns it with a note, the
reporter corrects and resubmits, the editor approves; a revision is compared
and restored; the desk fits a 390 px phone. Real Chromium, real CKEditor."""

from pathlib import Path

import pytest
from django.core import mail

from articles.models import Agency, Article
from tests.browser.conftest import CHROMIUM, EDITOR_READY, log_in
from tests.factories import make_user

PASSWORD = "browser-review-password-7"
TITLE = "สวท.พะเยาชวนเกษตรกรร่วมงานลำไย"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is absent"),
]


def type_in_body(page, text, *, at_end=True):
    body = page.frame_locator("#cke_id_body iframe.cke_wysiwyg_frame").locator("body")
    body.click()
    if at_end:
        page.keyboard.press("Control+End")
    page.keyboard.type(text)


def test_submit_return_resubmit_approve_compare_restore(live_server, browser):
    agency = Agency.objects.get(slug="pr-phayao")
    make_user(
        "flow-reporter",
        password=PASSWORD,
        agencies=[agency],
        role="reporter",
        email="reporter@example.org",
        first_name="สมศรี",
    )
    make_user(
        "flow-editor",
        password=PASSWORD,
        agencies=[agency],
        email="editor@example.org",
        first_name="สมชาย",
        last_name="ใจดี",
    )
    errors = []

    def new_page():
        page = browser.new_context(locale="th-TH").new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        return page

    # The reporter writes and submits.
    writer = new_page()
    log_in(writer, live_server.url, "flow-reporter", PASSWORD)
    writer.click("text=เขียนข่าวใหม่")
    writer.wait_for_function(EDITOR_READY)
    writer.fill("#id_title", TITLE)
    type_in_body(writer, "เกษตรกรนำลำไยมาร่วมงานจำนวนมาก")
    writer.click("button[value=save]")
    writer.wait_for_url("**/desk/articles/*/edit/")
    article = Article.objects.get(title=TITLE)
    assert writer.locator("button[value=publish]").count() == 0
    writer.wait_for_function(EDITOR_READY)
    writer.click("button[value=submit]")
    writer.wait_for_selector("text=บันทึกและส่งตรวจแล้ว")
    assert [m.to for m in mail.outbox] == [["editor@example.org"]]

    # The editor sees it waiting and returns it with a note.
    editor = new_page()
    log_in(editor, live_server.url, "flow-editor", PASSWORD)
    assert editor.locator("text=รอคุณตรวจ (1)").count() == 1
    editor.click(f".desk-waiting >> text={TITLE}")
    editor.wait_for_function(EDITOR_READY)
    editor.fill("#id_review_note", "โปรดระบุวันจัดงาน")
    editor.click("button[value=return]")
    editor.wait_for_selector("text=ส่งกลับให้ผู้สื่อข่าวแก้ไขแล้ว")
    assert mail.outbox[-1].to == ["reporter@example.org"]

    # The reporter reads the note, corrects and resubmits.
    writer.goto(f"{live_server.url}/desk/")
    writer.click(f".desk-waiting >> text={TITLE}")
    assert writer.locator(".review-note").inner_text().endswith("โปรดระบุวันจัดงาน")
    writer.wait_for_function(EDITOR_READY)
    type_in_body(writer, " ในวันที่ 14 มิถุนายน")
    writer.click("button[value=submit]")
    writer.wait_for_selector("text=บันทึกและส่งตรวจแล้ว")

    # The editor approves; the public page names them.
    editor.goto(f"{live_server.url}/desk/articles/{article.pk}/edit/")
    editor.wait_for_function(EDITOR_READY)
    editor.click("button[value=publish]")
    editor.wait_for_selector("text=บันทึกและเผยแพร่ข่าวแล้ว")
    assert mail.outbox[-1].to == ["reporter@example.org"]
    reader = new_page()
    reader.goto(live_server.url + article.get_absolute_url())
    assert "บรรณาธิการ : สมชาย ใจดี" in reader.locator(".credits").inner_text()
    assert "ในวันที่ 14 มิถุนายน" in reader.locator(".body").inner_text()

    # A revision compared (newest two by default) and the first restored.
    editor.goto(f"{live_server.url}/desk/articles/{article.pk}/revisions/")
    assert "ในวันที่ 14 มิถุนายน" in editor.locator(".diff-text ins").first.inner_text()
    editor.click(".revision-list li:last-child button[name=restore]")
    editor.wait_for_selector("text=คืนเนื้อหาจากฉบับที่ 1")
    article.refresh_from_db()
    assert "14 มิถุนายน" not in article.body
    assert article.revisions.count() == 3  # written, corrected, restored

    # The desk on a 390 px phone: no sideways scrolling.
    phone = browser.new_context(locale="th-TH", viewport={"width": 390, "height": 800})
    page = phone.new_page()
    log_in(page, live_server.url, "flow-editor", PASSWORD)
    for path in (
        "/desk/",
        f"/desk/articles/{article.pk}/revisions/",
        f"/desk/articles/{article.pk}/edit/",
    ):
        page.goto(live_server.url + path)
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 390, (path, width)
    # The photo dialog fits the phone, its OK button included.
    page.wait_for_function(EDITOR_READY)
    page.evaluate("() => CKEDITOR.instances.id_body.execCommand('image')")
    page.wait_for_selector(".cke_dialog", state="visible")
    for part in (".cke_dialog", ".cke_dialog_ui_button_ok"):
        box = page.locator(part).first.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, (part, box)
    assert errors == [], errors
