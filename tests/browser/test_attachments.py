"""An editor gives an article a YouTube video and a PDF, publishes; a visitor
sees the youtube-nocookie embed and downloads the PDF, in a real Chromium.

The page's frame is answered by a stand-in for youtube-nocookie.com (the tests
have no network): it shows that the browser, under the site's own
Content-Security-Policy, loads the frame from that host.
"""

import io
from pathlib import Path
from urllib.parse import quote

import pytest
from PIL import Image

from articles.models import Agency, Article
from tests.browser.conftest import CHROMIUM, log_in
from tests.factories import make_article, make_user

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"
PASSWORD = "browser-test-password-7"
TITLE = "พะเยาเชิญเที่ยวงานลำไยของดีเมืองพะเยา"
PDF_TITLE = "กำหนดการงานลำไย 2568"
VIDEO_ID = "dQw4w9WgXcQ"
STAND_IN = (
    "<!doctype html><meta charset=utf-8><title>player</title>"
    "<p id=stand-in>ผู้เล่นวิดีโอ</p>"
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(),
        reason=f"{CHROMIUM} is absent: run `make browser-deps` (Debian's chromium)",
    ),
]


@pytest.fixture
def pdf_path(tmp_path):
    path = tmp_path / "schedule.pdf"
    buffer = io.BytesIO()
    Image.new("RGB", (400, 300), (30, 90, 160)).save(buffer, "PDF")
    path.write_bytes(buffer.getvalue())
    return path


def watch_errors(page, errors):
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console",
        lambda message: message.type == "error" and errors.append(message.text),
    )


def test_editor_adds_a_video_and_a_pdf_and_a_visitor_gets_both(
    live_server, browser, pdf_path, settings
):
    settings.ROOT_URLCONF = "tests.browser.urls"
    agency = Agency.objects.get(slug="pr-phayao")
    make_user("phayao-media-editor", password=PASSWORD, agencies=[agency])
    article = make_article(
        title=TITLE,
        body="<p>ขอเชิญชวนประชาชนร่วมงานลำไย ณ ศาลากลางจังหวัดพะเยา</p>",
        status=Article.Status.DRAFT,
        published_at=None,
        agency=agency,
    )
    errors = []

    editor = browser.new_context(locale="th-TH")
    page = editor.new_page()
    watch_errors(page, errors)
    log_in(page, live_server.url, "phayao-media-editor", PASSWORD)
    page.goto(f"{live_server.url}/desk/articles/{article.pk}/edit/")
    page.click("text=วิดีโอและเอกสารแนบ")
    page.wait_for_url(f"**/desk/articles/{article.pk}/attachments/")

    # A bad address first: refused in Thai, nothing stored.
    page.fill("#id_video_url", "https://vimeo.com/76979871")
    page.click("#video-form button[type=submit]")
    page.wait_for_selector("text=ที่อยู่วิดีโอไม่ถูกต้อง")
    article.refresh_from_db()
    assert article.video_url == ""
    # The refusal is a 400 response, which Chromium logs; nothing else may be.
    assert len(errors) == 1 and "400" in errors[0], errors
    errors.clear()

    page.fill("#id_video_url", f"https://youtu.be/{VIDEO_ID}?si=share")
    page.click("#video-form button[type=submit]")
    page.wait_for_selector("text=บันทึกวิดีโอแล้ว")
    page.fill("#id_title", PDF_TITLE)
    page.set_input_files("#id_file", str(pdf_path))
    page.click("#document-form button[type=submit]")
    page.wait_for_selector(f"text=แนบเอกสาร “{PDF_TITLE}” แล้ว")
    assert page.locator(".documents-desk li").count() == 1

    page.click("text=กลับไปแก้ไขข่าว")
    page.click("button[value=publish]")
    page.wait_for_selector("text=เผยแพร่ข่าวแล้ว")
    assert errors == [], errors
    editor.close()

    visitor = browser.new_context(
        locale="th-TH", viewport={"width": 390, "height": 844}
    )
    frames_asked = []

    def stand_in(route):
        frames_asked.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body=STAND_IN)

    visitor.route("https://www.youtube-nocookie.com/**", stand_in)
    reader = visitor.new_page()
    watch_errors(reader, errors)
    reader.goto(live_server.url + article.get_absolute_url())
    frame = reader.locator(".video iframe")
    assert frame.get_attribute("src") == (
        f"https://www.youtube-nocookie.com/embed/{VIDEO_ID}"
    )
    assert frame.get_attribute("title") == f"วิดีโอ YouTube: {TITLE}"
    assert frame.get_attribute("loading") == "lazy"
    link = reader.locator(".video figcaption a")
    assert link.get_attribute("href") == f"https://www.youtube.com/watch?v={VIDEO_ID}"
    assert link.is_visible()
    frame.scroll_into_view_if_needed()
    player = reader.frame_locator(".video iframe").locator("#stand-in")
    assert player.inner_text() == "ผู้เล่นวิดีโอ"  # the policy let the frame load
    assert frames_asked == [f"https://www.youtube-nocookie.com/embed/{VIDEO_ID}"]
    width = frame.evaluate("f => f.getBoundingClientRect().width")
    assert 0 < width <= 390  # fits the phone

    listed = reader.locator(".documents li")
    assert listed.count() == 1
    size = pdf_path.stat().st_size
    assert listed.inner_text() == f"{PDF_TITLE} (PDF {round(size / 1024)} KB)"
    ARTIFACTS.mkdir(exist_ok=True)
    reader.screenshot(path=str(ARTIFACTS / "attachments_article.png"), full_page=True)

    with reader.expect_download() as started:
        reader.click(f".documents a:text('{PDF_TITLE}')")
    download = started.value
    assert download.suggested_filename == f"{PDF_TITLE}.pdf"
    assert Path(download.path()).read_bytes() == pdf_path.read_bytes()

    href = reader.locator(".documents a").get_attribute("href")
    response = visitor.request.get(live_server.url + href)
    assert response.status == 200
    headers = response.headers
    assert headers["content-type"] == "application/pdf"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["content-length"] == str(size)
    assert headers["content-disposition"].startswith("attachment; ")
    assert (
        f"filename*=UTF-8''{quote(PDF_TITLE + '.pdf', safe='')}"
        in (headers["content-disposition"])
    )
    assert response.body() == pdf_path.read_bytes()
    assert errors == [], errors
    visitor.close()
