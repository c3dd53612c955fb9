"""What search engines and feed readers read: NewsArticle and BreadcrumbList
JSON-LD, robots meta, feed links, enclosures, the Google News sitemap."""

import io
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta

import pytest
from django.contrib.staticfiles import finders
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from articles.models import Agency
from articles.services.photos import photo_create
from tests.articles.page_parts import (
    BANGKOK_ISO,
    feed_links,
    json_ld_of_type,
    page_parts,
)
from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db

NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def add_photo(article, agency):
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 900), (200, 80, 40)).save(buffer, "JPEG")
    upload = SimpleUploadedFile("p.jpg", buffer.getvalue(), content_type="image/jpeg")
    return photo_create(
        file=upload, article=article, user=make_user(agencies=[agency]), alt="ภาพ"
    )


def news_article(response):
    (data,) = json_ld_of_type(response, "NewsArticle")
    return data


def test_news_article_json_ld_has_required_and_recommended_properties(client, agency):
    article = make_article(title="ข่าว " + "ยาว" * 80, lead="<p>สรุปข่าว</p>")
    data = news_article(client.get(article.get_absolute_url()))
    assert data["@context"] == "https://schema.org"
    assert 0 < len(data["headline"]) <= 110
    assert data["image"] == ["http://testserver/static/img/share-default.png"]
    for key in ("datePublished", "dateModified"):
        assert BANGKOK_ISO.match(data[key]), data[key]
        datetime.fromisoformat(data[key])
    published = datetime.fromisoformat(data["datePublished"])
    assert abs(published - article.published_at) < timedelta(seconds=1)
    assert data["dateModified"] >= data["datePublished"]
    (author,) = data["author"]
    assert author["name"] and author["url"] == "http://testserver/agency/pr-phayao/"
    publisher = data["publisher"]
    assert publisher["@type"] == "Organization" and publisher["name"]
    logo = publisher["logo"]["url"]
    assert logo == "http://testserver/static/img/emblem.png"
    assert finders.find("img/emblem.png")
    assert data["mainEntityOfPage"]["@id"].endswith(article.get_absolute_url())
    assert data["description"] == "สรุปข่าว"


def test_news_article_images_are_the_photos_absolute(client, agency):
    article = make_article()
    photo = add_photo(article, agency)
    data = news_article(client.get(article.get_absolute_url()))
    assert data["image"] == [
        f"http://testserver{photo.share.url}",
        f"http://testserver{photo.display.url}",
    ]


def test_json_ld_cannot_be_closed_by_a_title(client):
    article = make_article(title="</script><script>alert(1)</script>")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "</script><script>alert(1)" not in html
    assert news_article(client.get(article.get_absolute_url()))["headline"].startswith(
        "</script>"
    )


@pytest.mark.parametrize("kind", ["home", "agency", "article", "province"])
def test_pages_ask_for_large_image_previews_and_link_their_feed(client, kind):
    article = make_article()
    url, feed = {
        "home": ("/", "/feeds/latest.xml"),
        "agency": ("/agency/pr-phayao/", "/feeds/agency/pr-phayao.xml"),
        "article": (article.get_absolute_url(), "/feeds/agency/pr-phayao.xml"),
        "province": ("/province/phayao/", "/feeds/province/phayao.xml"),
    }[kind]
    response = client.get(url)
    parts = page_parts(response)
    assert parts.metas["robots"] == "max-image-preview:large"
    assert feed_links(response) == [feed]
    assert f'class="rss-link" href="{feed}"' in response.content.decode()


def test_agency_page_two_has_its_own_title_and_canonical(client, agency):
    for n in range(21):
        make_article(title=f"ข่าว {n}")
    response = client.get("/agency/pr-phayao/?page=2")
    parts = page_parts(response)
    assert "– หน้า 2" in parts.title
    assert ("canonical", None, "http://testserver/agency/pr-phayao/?page=2") in (
        parts.links
    )
    home2 = page_parts(client.get("/?page=2"))
    assert home2.title.startswith("ข่าวล่าสุด – หน้า 2")
    assert ("canonical", None, "http://testserver/?page=2") in home2.links


def test_feeds_carry_the_lead_photo_as_an_enclosure(client, agency):
    pictured = make_article(title="มีภาพ")
    photo = add_photo(pictured, agency)
    make_article(title="ไม่มีภาพ", published_at=timezone.now() - timedelta(hours=2))
    for url in ("/feeds/latest.xml", "/feeds/province/phayao.xml"):
        channel = ET.fromstring(client.get(url).content).find("channel")
        items = {i.findtext("title"): i for i in channel.findall("item")}
        enclosure = items["มีภาพ"].find("enclosure")
        assert enclosure.get("url") == f"http://testserver{photo.display.url}"
        assert enclosure.get("type") == "image/jpeg"
        assert int(enclosure.get("length")) == photo.display.size
        assert items["ไม่มีภาพ"].find("enclosure") is None


def test_news_sitemap_lists_the_last_two_days_news(client):
    now = timezone.now()
    fresh = make_article(title="ข่าวสด & ใหม่", published_at=now - timedelta(hours=5))
    make_article(title="ข่าวเก่า", published_at=now - timedelta(days=3))
    make_article(title="ตั้งเวลา", published_at=now + timedelta(hours=1))
    response = client.get("/sitemap-news.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    urls = root.findall(f"{SITEMAP}url")
    assert len(urls) == 1
    (entry,) = urls
    assert entry.findtext(f"{SITEMAP}loc") == (
        f"http://testserver{fresh.get_absolute_url()}"
    )
    news = entry.find(f"{NEWS}news")
    publication = news.find(f"{NEWS}publication")
    assert publication.findtext(f"{NEWS}name") == "สำนักประชาสัมพันธ์เขต 3"
    assert publication.findtext(f"{NEWS}language") == "th"
    assert news.findtext(f"{NEWS}title") == "ข่าวสด & ใหม่"
    when = news.findtext(f"{NEWS}publication_date")
    assert BANGKOK_ISO.match(when)
    assert abs(datetime.fromisoformat(when) - fresh.published_at) < timedelta(1)


def test_robots_txt_lists_both_sitemaps(client):
    lines = client.get("/robots.txt").content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Sitemap: http://testserver/sitemap-news.xml" in lines


def test_province_feed_rss_is_valid_for_every_province(client):
    make_article(agency=Agency.objects.get(slug="pr-nan"))
    for slug in ("chiang-mai", "nan", "mae-hong-son"):
        root = ET.fromstring(client.get(f"/feeds/province/{slug}.xml").content)
        assert root.tag == "rss" and root.find("channel").findtext("title")
