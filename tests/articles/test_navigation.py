"""The header menu, province and topic pages, their feeds and breadcrumbs."""

import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Agency, Topic
from articles.provinces import PROVINCES
from tests.articles.page_parts import canonical, feed_links, json_ld_of_type, page_parts
from tests.articles.redis_db import needs_redis
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def test_header_menu_links_every_province_region3_nbt_topics_and_search(client):
    Topic.objects.create(slug="agriculture", name="การเกษตร")
    html = client.get("/").content.decode()
    for province in PROVINCES:
        assert f'href="/province/{province.slug}/"' in html
    assert 'href="/agency/region3/"' in html
    assert 'href="/agency/nbt-north/"' in html
    assert 'href="/topic/agriculture/"' in html
    assert 'action="/search/"' in html and 'name="q"' in html
    # The phone menu opens without script: a details/summary disclosure.
    assert '<details class="phone-menu">' in html and "<summary>เมนู</summary>" in html


def test_province_slugs_are_the_ascii_names():
    assert [p.slug for p in PROVINCES] == [
        "chiang-mai",
        "lamphun",
        "lampang",
        "mae-hong-son",
        "chiang-rai",
        "phayao",
        "phrae",
        "nan",
    ]


def test_province_page_lists_its_pr_office_and_radio_not_others(client):
    pr = make_article(agency=Agency.objects.get(slug="pr-chiangmai"), title="ปชส.ข่าว")
    radio = make_article(
        agency=Agency.objects.get(slug="radio-chiangmai"), title="สวท.ข่าว"
    )
    regional = make_article(agency=Agency.objects.get(slug="region3"), title="เขตข่าว")
    other = make_article(agency=Agency.objects.get(slug="pr-nan"), title="น่านข่าว")
    response = client.get("/province/chiang-mai/")
    assert response.status_code == 200
    html = response.content.decode()
    assert pr.title in html and radio.title in html
    assert regional.title not in html and other.title not in html
    assert "ข่าวจังหวัดเชียงใหม่" in page_parts(response).title
    assert feed_links(response) == ["/feeds/province/chiang-mai.xml"]


def test_unknown_province_is_404(client):
    assert client.get("/province/bangkok/").status_code == 404
    assert client.get("/feeds/province/bangkok.xml").status_code == 404


def test_province_page_two_has_its_own_title_and_canonical(client):
    agency = Agency.objects.get(slug="pr-nan")
    for n in range(25):
        make_article(agency=agency, title=f"ข่าวน่าน {n}")
    response = client.get("/province/nan/?page=2")
    assert response.status_code == 200
    assert page_parts(response).title.startswith("ข่าวจังหวัดน่าน – หน้า 2")
    assert canonical(response) == "http://testserver/province/nan/?page=2"
    first = client.get("/province/nan/")
    assert canonical(first) == "http://testserver/province/nan/"
    assert "หน้า 2" not in page_parts(first).title


def test_province_feed_is_rss_of_its_agencies(client):
    mine = make_article(agency=Agency.objects.get(slug="radio-phrae"), title="แพร่")
    make_article(agency=Agency.objects.get(slug="pr-nan"), title="น่าน")
    response = client.get("/feeds/province/phrae.xml")
    assert response.status_code == 200
    channel = ET.fromstring(response.content).find("channel")
    assert [i.findtext("title") for i in channel.findall("item")] == [mine.title]


def test_topic_page_and_feed_list_its_articles(client):
    topic = Topic.objects.create(slug="health", name="สาธารณสุข")
    tagged = make_article(title="ข่าวสุขภาพ")
    tagged.topics.add(topic)
    make_article(title="ข่าวอื่น")
    response = client.get("/topic/health/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "ข่าวสุขภาพ" in html and "ข่าวอื่น" not in html
    assert feed_links(response) == ["/feeds/topic/health.xml"]
    feed = client.get("/feeds/topic/health.xml")
    items = ET.fromstring(feed.content).find("channel").findall("item")
    assert [i.findtext("title") for i in items] == ["ข่าวสุขภาพ"]
    assert client.get("/topic/nothing/").status_code == 404


def test_article_shows_its_topics_with_links(client):
    topic = Topic.objects.create(slug="tourism", name="การท่องเที่ยว")
    article = make_article()
    article.topics.add(topic)
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<a href="/topic/tourism/">การท่องเที่ยว</a>' in html


@pytest.mark.parametrize(
    ("url", "names"),
    [
        ("/province/phayao/", ["หน้าแรก", "จังหวัดพะเยา"]),
        ("/agency/pr-phayao/", ["หน้าแรก", "จังหวัดพะเยา", "ส.ปชส.พะเยา"]),
        ("/agency/region3/", ["หน้าแรก", "สปข.3"]),
    ],
)
def test_list_breadcrumbs_in_html_and_json_ld(client, url, names):
    response = client.get(url)
    html = response.content.decode()
    assert '<nav class="breadcrumbs" aria-label="breadcrumb">' in html
    (crumbs,) = json_ld_of_type(response, "BreadcrumbList")
    items = crumbs["itemListElement"]
    assert [i["name"] for i in items] == names
    assert [i["position"] for i in items] == list(range(1, len(names) + 1))
    assert items[0]["item"] == "http://testserver/"
    assert items[-1]["item"] == f"http://testserver{url}"


def test_topic_breadcrumbs(client):
    Topic.objects.create(slug="education", name="การศึกษา")
    response = client.get("/topic/education/")
    (crumbs,) = json_ld_of_type(response, "BreadcrumbList")
    assert [i["name"] for i in crumbs["itemListElement"]] == ["หน้าแรก", "การศึกษา"]


def test_article_breadcrumbs_go_home_province_agency_article(client):
    article = make_article(title="ข่าวพะเยาวันนี้")
    response = client.get(article.get_absolute_url())
    (crumbs,) = json_ld_of_type(response, "BreadcrumbList")
    items = crumbs["itemListElement"]
    assert [i["name"] for i in items] == [
        "หน้าแรก",
        "จังหวัดพะเยา",
        "ส.ปชส.พะเยา",
        "ข่าวพะเยาวันนี้",
    ]
    assert items[2]["item"] == "http://testserver/agency/pr-phayao/"
    assert "item" not in items[-1]  # the page itself


@needs_redis
@pytest.mark.usefixtures("redis_site")
@pytest.mark.parametrize("url", ["/province/lampang/", "/topic/highlights/"])
def test_province_and_topic_pages_are_cached_like_the_agency_page(client, url):
    topic = Topic.objects.create(slug="highlights", name="ข่าวเด่น")
    first = make_article(agency=Agency.objects.get(slug="pr-lampang"), title="หนึ่ง")
    first.topics.add(topic)
    assert "หนึ่ง" in client.get(url).content.decode()
    with CaptureQueriesContext(connection) as queries:
        assert "หนึ่ง" in client.get(url).content.decode()
    assert not [q for q in queries.captured_queries if "articles_" in q["sql"]]
    # A new article moves the content generation on: the next request shows it.
    second = make_article(agency=Agency.objects.get(slug="pr-lampang"), title="สอง")
    second.topics.add(topic)
    assert "สอง" in client.get(url).content.decode()
