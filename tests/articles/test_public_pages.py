import re
from datetime import UTC, datetime, timedelta
from urllib.parse import quote

import pytest
from django.contrib.staticfiles import finders
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags

from articles.models import Article
from articles.services.demo import demo_seed
from tests.factories import make_article

pytestmark = pytest.mark.django_db


BLOCK_END = re.compile(r"</(?:p|h\d|div|li|address|time)>|<br\s*/?>")


def page_lines(response):
    """The page as a reader sees it: text lines, tags stripped."""
    html = re.sub(BLOCK_END, "\n", response.content.decode())
    text = strip_tags(html)
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


@pytest.fixture
def seed_article(db):
    demo_seed(editor_password="x-demo-pass-1")
    return Article.objects.get(legacy_id="180614143702")


def test_seed_page_renders_every_legacy_line_in_order(client, seed_article):
    response = client.get(f"/news/{seed_article.pk}/")
    assert response.status_code == 200
    lines = page_lines(response)
    expected = [
        "ข่าวภาคเหนือตอนบน สำนักประชาสัมพันธ์เขต 3",
        "14 มิถุนายน 2561 / 14:37:02",
        "จังหวัดพะเยาผ่านการรับรองคุณภาพการบริหารจัดการภาครัฐ(PMQA) ลำดับที่ 35 จาก 47 ส่วนราชการ",
        "จังหวัดพะเยาได้รับการพิจารณาให้ผ่านการรับรองคุณภาพการบริหารจัดการภาครัฐ(PMQA)",
        "นายวุฒิชัย เสาวโกมุท รองผู้ว่าราชการจังหวัดพะเยา เปิดเผยว่า",
        "แนวคิดของเกณฑ์คุณภาพการบริหารจัดการภาครัฐระดับพื้นฐาน",
        "ข่าวโดย : ทีมข่าว ปชส.พะเยา",
        "บรรณาธิการ : ปชส.พะเยา",
        "หน่วยงาน : ส.ปชส.พะเยา",
        "อ่าน : 46",
        "LINE it!",
        "Editor Login",
        "Name :",
        "Pass :",
        "จัดทำและบริหารระบบ โดย ศูนย์เทคโนโลยีสารสนเทศและการสื่อสาร",
        "สำนักประชาสัมพันธ์เขต 3 จังหวัดเชียงใหม่",
        "49 ถนนประชาสัมพันธ์ ตำบลช้างคลาน อำเภอเมือง เชียงใหม่ 50100",
        "โทร. 0-5328-3734 / แฟ็กซ์. 0-5328-3738",
    ]
    position = 0
    for wanted in expected:
        found = next(
            (i for i in range(position, len(lines)) if lines[i].startswith(wanted)),
            None,
        )
        assert found is not None, f"{wanted!r} missing or out of order"
        position = found + 1
    assert "echo Out" not in response.content.decode()


def test_article_page_has_one_h1_thai_lang_and_login_box(client, seed_article):
    response = client.get(seed_article.get_absolute_url())
    html = response.content.decode()
    assert '<html lang="th">' in html
    assert html.count("<h1") == 1
    form = re.search(
        r'<form[^>]*action="/accounts/login/"[^>]*>(.*?)</form>', html, re.S
    )
    # The same bytes for every visitor: no token, no cookie (accounts/origin.py).
    assert form and "csrfmiddlewaretoken" not in html
    assert not response.cookies
    assert 'name="username"' in form.group(1) and 'name="password"' in form.group(1)


def test_line_share_link_carries_the_encoded_canonical_address(client, seed_article):
    html = client.get(seed_article.get_absolute_url()).content.decode()
    canonical = f"http://testserver/news/{seed_article.pk}/"
    share = "https://social-plugins.line.me/lineit/share?url=" + quote(canonical, "")
    assert f'href="{share}"' in html


def test_lead_equal_to_title_is_shown_once(client, agency):
    same = make_article(title="ข่าวหัวข้อซ้ำ", lead="<p>ข่าวหัวข้อซ้ำ</p>")
    assert 'class="lead"' not in client.get(same.get_absolute_url()).content.decode()
    longer = make_article(title="ข่าวสั้น", lead="<p>ความนำที่ยาวกว่าหัวข้อ</p>")
    html = client.get(longer.get_absolute_url()).content.decode()
    assert '<div class="lead"><p>ความนำที่ยาวกว่าหัวข้อ</p></div>' in html


@pytest.mark.parametrize(
    "fields",
    [
        {"status": Article.Status.DRAFT},
        {"status": Article.Status.UNPUBLISHED},
        {"published_at": timezone.now() + timedelta(hours=2)},
    ],
    ids=["draft", "unpublished", "scheduled"],
)
def test_non_public_articles_answer_404(client, agency, fields):
    article = make_article(**fields)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 404
    assert "ไม่พบหน้าที่ต้องการ" in response.content.decode()
    assert article.title not in client.get("/").content.decode()


def test_home_lists_newest_first_twenty_per_page(client, agency):
    now = timezone.now()
    for n in range(23):
        make_article(
            title=f"ข่าวเรียงลำดับ {n:02d}", published_at=now - timedelta(hours=n + 1)
        )
    first = client.get("/").content.decode()
    assert first.index("ข่าวเรียงลำดับ 00") < first.index("ข่าวเรียงลำดับ 01")
    assert "ข่าวเรียงลำดับ 19" in first and "ข่าวเรียงลำดับ 20" not in first
    second = client.get("/?page=2").content.decode()
    assert "ข่าวเรียงลำดับ 20" in second and "ข่าวเรียงลำดับ 22" in second
    assert client.get("/?page=99").status_code == 404


def test_agency_page_lists_only_that_agency(client, agency, other_agency):
    mine = make_article(agency=agency, title="ข่าวของพะเยา")
    theirs = make_article(agency=other_agency, title="ข่าวของลำปาง")
    html = client.get(reverse("articles:agency", args=["pr-phayao"])).content.decode()
    assert mine.title in html and theirs.title not in html
    assert client.get("/agency/no-such-agency/").status_code == 404


def test_list_shows_thai_date_agency_and_read_count(client, agency):
    make_article(
        title="ข่าวมีรายละเอียด",
        published_at=datetime(2018, 6, 14, 7, 37, 2, tzinfo=UTC),
        reads=12,
    )
    html = client.get("/").content.decode()
    assert "14 มิถุนายน 2561 / 14:37:02" in html
    assert 'datetime="2018-06-14T07:37:02+00:00"' in html
    assert "ส.ปชส.พะเยา" in html and "อ่าน 12" in html


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


@pytest.mark.parametrize("url_name", ["home", "detail", "agency"])
def test_query_count_does_not_grow_with_articles(client, agency, url_name):
    counts = []
    for total in (5, 50):
        while Article.objects.count() < total:
            make_article()
        target = Article.objects.published().first()
        url = {
            "home": "/",
            "detail": target.get_absolute_url(),
            "agency": "/agency/pr-phayao/",
        }[url_name]
        counts.append(_queries(client, url))
    assert counts[0] == counts[1]


def test_robots_favicon_and_css(client):
    robots = client.get("/robots.txt")
    assert robots.status_code == 200
    assert "Sitemap: http://testserver/sitemap.xml" in robots.content.decode()
    favicon = client.get("/favicon.ico")
    assert favicon.status_code == 301
    assert finders.find("img/favicon.ico") and finders.find("css/site.css")


def test_public_pages_send_a_strict_content_security_policy(client, agency):
    article = make_article()
    policy = client.get(article.get_absolute_url())["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
