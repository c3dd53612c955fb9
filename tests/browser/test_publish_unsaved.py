"""Publish pressed on an edited, unsaved form: the public page shows the new
text, in a real Chromium with CKEditor."""

from pathlib import Path

import pytest

from articles.models import Agency, Article
from tests.browser.conftest import CHROMIUM, EDITOR_READY, log_in
from tests.factories import make_article, make_user

PASSWORD = "browser-test-password-5"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is absent"),
]


def test_publish_stores_the_unsaved_title_and_body(live_server, browser):
    agency = Agency.objects.get(slug="pr-phayao")
    make_user("unsaved-editor", password=PASSWORD, agencies=[agency])
    article = make_article(
        title="หัวข้อเดิมก่อนแก้",
        body="<p>เนื้อเดิม</p>",
        status=Article.Status.DRAFT,
        published_at=None,
    )
    page = browser.new_context(locale="th-TH").new_page()
    log_in(page, live_server.url, "unsaved-editor", PASSWORD)
    page.goto(f"{live_server.url}/desk/articles/{article.pk}/edit/")
    page.wait_for_function(EDITOR_READY)
    page.fill("#id_title", "หัวข้อใหม่ที่ยังไม่ได้บันทึก")
    body = page.frame_locator("#cke_id_body iframe.cke_wysiwyg_frame").locator("body")
    body.click()
    page.keyboard.press("Control+End")
    page.keyboard.type(" เพิ่มข้อความใหม่ก่อนเผยแพร่")
    # CKEditor's remaining English strings are Thai, and so is the alt label.
    strings = page.evaluate(
        """() => {
            const lang = CKEDITOR.instances.id_body.lang;
            const combo = document.querySelector(
                '#cke_id_body .cke_combo__format .cke_combo_text');
            return [lang.format.tag_p, lang.image.urlMissing, lang.image.alt,
                    combo && combo.innerText];
        }"""
    )
    assert strings[:3] == [
        "ปกติ",
        "ยังไม่มีที่อยู่ของภาพ (URL)",
        "คำอธิบายภาพสำหรับผู้พิการทางสายตา",
    ]
    assert strings[3] in ("ปกติ", ""), strings
    page.click("button[value=publish]")
    page.wait_for_selector("text=บันทึกและเผยแพร่ข่าวแล้ว")

    reader = browser.new_context(locale="th-TH").new_page()
    reader.goto(live_server.url + article.get_absolute_url())
    assert reader.locator("h1").inner_text() == "หัวข้อใหม่ที่ยังไม่ได้บันทึก"
    assert "เพิ่มข้อความใหม่ก่อนเผยแพร่" in reader.locator(".body").inner_text()
