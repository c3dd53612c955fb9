"""/sitemap.xml: every published article, every agency page and the office's
own pages, with lastmod."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone

from articles.models import Agency, Article, Page


class HomeSitemap(Sitemap):
    changefreq = "hourly"
    priority = 1.0

    def items(self):
        return ["articles:home"]

    def location(self, item):
        return reverse(item)

    def lastmod(self, item):
        return Article.objects.published().aggregate(last=Max("published_at"))["last"]


class AgencySitemap(Sitemap):
    changefreq = "daily"
    priority = 0.6

    def items(self):
        published = Q(
            articles__status=Article.Status.PUBLISHED,
            articles__published_at__lte=timezone.now(),
        )
        return (
            Agency.objects.filter(is_active=True)
            .annotate(last=Max("articles__published_at", filter=published))
            .order_by("slug")
        )

    def lastmod(self, agency):
        return agency.last


class ArticleSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return Article.objects.published().only("id", "updated_at").order_by("-id")

    def lastmod(self, article):
        return article.updated_at


class PageSitemap(Sitemap):
    """The office's own pages (privacy, cookies, contact…)."""

    changefreq = "monthly"
    priority = 0.3

    def items(self):
        return Page.objects.only("slug", "updated_at").order_by("slug")

    def lastmod(self, page):
        return page.updated_at


SITEMAPS = {
    "home": HomeSitemap,
    "agencies": AgencySitemap,
    "articles": ArticleSitemap,
    "pages": PageSitemap,
}
