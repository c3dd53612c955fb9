"""/sitemap.xml lists every published article and agency page, with lastmod."""

import xml.etree.ElementTree as ET
from datetime import timedelta

from django.utils import timezone

from articles.models import Agency, Article
from tests.factories import make_article

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def _urls(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return {
        url.findtext(f"{NS}loc"): url.findtext(f"{NS}lastmod")
        for url in root.findall(f"{NS}url")
    }


def test_sitemap_lists_published_articles_with_lastmod(client, agency):
    shown = make_article(title="ข่าวเผยแพร่")
    draft = make_article(title="ร่าง", status=Article.Status.DRAFT)
    scheduled = make_article(published_at=timezone.now() + timedelta(days=1))
    urls = _urls(client)
    article_url = f"http://testserver{shown.get_absolute_url()}"
    assert article_url in urls
    assert urls[article_url] == timezone.localtime(shown.updated_at).date().isoformat()
    for hidden in (draft, scheduled):
        assert f"http://testserver{hidden.get_absolute_url()}" not in urls


def test_sitemap_lists_every_agency_page_and_the_home_page(client, agency):
    make_article(agency=agency)
    urls = _urls(client)
    assert "http://testserver/" in urls
    for slug in Agency.objects.filter(is_active=True).values_list("slug", flat=True):
        assert f"http://testserver/agency/{slug}/" in urls
    # An agency with news has the date of its newest as lastmod.
    assert urls["http://testserver/agency/pr-phayao/"]


def test_robots_txt_points_at_the_sitemap(client, db):
    body = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in body
