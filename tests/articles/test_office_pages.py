"""The office's own pages at /pages/<slug>/: seeded, sanitised, linked, listed."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Page
from articles.services.demo import demo_seed
from tests.factories import login_verified, make_user

SLUGS = ["privacy", "cookies", "website-policy", "accessibility", "contact"]


@pytest.fixture
def seeded(db):
    demo_seed(editor_password="pages-test-password-1")


@pytest.mark.django_db
def test_seed_demo_creates_the_office_pages_once(seeded):
    assert sorted(Page.objects.values_list("slug", flat=True)) == sorted(SLUGS)
    privacy = Page.objects.get(slug="privacy")
    assert "พระราชบัญญัติคุ้มครองข้อมูลส่วนบุคคล พ.ศ. 2562" in privacy.body
    privacy.body = "<p>ข้อความที่ผู้ดูแลแก้ไขแล้ว</p>"
    privacy.save()
    result = demo_seed()
    assert result["pages"] == 0
    assert Page.objects.count() == len(SLUGS)
    assert Page.objects.get(slug="privacy").body == "<p>ข้อความที่ผู้ดูแลแก้ไขแล้ว</p>"


@pytest.mark.parametrize("slug", SLUGS)
def test_each_page_is_served_in_thai(client, seeded, slug):
    page = Page.objects.get(slug=slug)
    response = client.get(f"/pages/{slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f"<h1>{page.title}</h1>" in html
    assert 'lang="th"' in html


def test_unknown_page_is_404(client, db):
    assert client.get("/pages/no-such-page/").status_code == 404


def test_cookie_policy_lists_the_cookies_the_site_sets(client, seeded):
    html = client.get("/pages/cookies/").content.decode()
    for name in ("sessionid", "csrftoken"):
        assert f"<td>{name}</td>" in html
    assert "ไม่ใช้คุกกี้วิเคราะห์" in html
    assert "ไม่ใช้คุกกี้</p>" in html  # the lockout keeps its count on the server


@pytest.mark.django_db
def test_body_goes_through_the_article_sanitiser(client):
    page = Page.objects.create(
        slug="test-page",
        title="หน้าทดสอบ",
        body='<p onclick="x()">ข้อความ</p><script>alert(1)</script>'
        '<a href="javascript:alert(1)">ลิงก์</a>',
    )
    page.refresh_from_db()
    assert "script" not in page.body
    assert "onclick" not in page.body
    assert "javascript:" not in page.body
    assert "<p>ข้อความ</p>" in page.body


@pytest.mark.django_db
def test_admin_edits_pages_and_the_body_is_sanitised(client):
    admin = make_user(is_staff=True, is_superuser=True)
    login_verified(client, admin)
    response = client.post(
        reverse("admin:articles_page_add"),
        {
            "slug": "notice",
            "title": "ประกาศ",
            "body": "<p>ประกาศของสำนักงาน</p><img src=x onerror=alert(1)>",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    page = Page.objects.get(slug="notice")
    assert "onerror" not in page.body
    assert client.get("/pages/notice/").status_code == 200


@pytest.mark.parametrize("path", ["/", "/pages/contact/", "/accounts/login/"])
def test_every_footer_links_to_the_office_pages(seeded, path):
    html = Client().get(path).content.decode()
    footer = html[html.index('<footer class="site-footer">') :]
    for slug in SLUGS:
        assert f'href="/pages/{slug}/"' in footer
    assert "cookie-notice" in footer
    assert "<script" not in footer


def test_sitemap_lists_the_pages(client, seeded):
    root = ET.fromstring(client.get("/sitemap.xml").content)
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    locs = {url.findtext(f"{ns}loc") for url in root.findall(f"{ns}url")}
    for slug in SLUGS:
        assert f"http://testserver/pages/{slug}/" in locs


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/agency/pr-phayao/",
        "/province/phayao/",
        "/pages/privacy/",
        "/search/?q=ข่าว",
    ],
)
def test_an_anonymous_visit_sets_only_cookies_the_policy_lists(seeded, path):
    policy = Client().get("/pages/cookies/").content.decode()
    listed = set(re.findall(r"<tr><td>([a-z_]+)</td>", policy))
    assert listed == {"sessionid", "csrftoken"}
    response = Client().get(path)
    assert set(response.cookies) <= listed
    # The policy's promise: a reader who never logs in gets no cookie at all.
    assert not response.cookies
