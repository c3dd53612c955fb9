"""Drawing an article's parts from the ORM and the templates
articles/article/meta.html and content.html."""

import re
import secrets

from django.conf import settings
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from articles import structured_data
from articles.article_parts.parts import Parts
from articles.crumbs import agency_crumbs
from articles.search import related_articles
from articles.search.text import plain_text
from articles.services.photos import photos_shown

META_TEMPLATE = "articles/article/meta.html"
CONTENT_TEMPLATE = "articles/article/content.html"
SHARE_DEFAULT = "img/share-default.png"  # 1200x630, like every Photo.share
# Thai ends a sentence with a space, not a full stop (น. and ส.ปชส. are
# abbreviations); short phrases before the first space are not sentences yet.
FIRST_SENTENCE = re.compile(r"^(.{60,}?)\s")


class _Origin:
    """What structured_data asks of a request: absolute addresses, here for
    the render's marker."""

    def __init__(self, mark):
        self.mark = mark

    def build_absolute_uri(self, location):
        if location.startswith(("http://", "https://", "//")):
            return location
        return self.mark + location


def _lead_first(photos, article):
    """The article's photos in its order, the lead photo moved first."""
    return sorted(photos, key=lambda p: p.pk != article.lead_photo_id)


def share_image_url(at, article, photos):
    """Absolute URL of the lead photo's 1200x630 share picture, or the site's."""
    shared = [p for p in _lead_first(photos, article) if p.share]
    url = shared[0].share.url if shared else static(SHARE_DEFAULT)
    return at.build_absolute_uri(url)


def article_images(at, article, photos):
    """Absolute URLs of the article's pictures for structured data: the lead
    photo's share rendition (1200x630) first, then the page's display photos;
    the site's share picture when the article has none."""
    photos = _lead_first(photos, article)
    urls = [p.share.url for p in photos[:1] if p.share]
    urls += [p.display.url for p in photos if p.display]
    if not urls:
        urls = [static(SHARE_DEFAULT)]
    return [at.build_absolute_uri(url) for url in urls]


def first_sentence(html, limit=200):
    text = plain_text(html)
    match = FIRST_SENTENCE.match(text)
    if match:
        text = match.group(1)
    return Truncator(text).chars(limit)


def parts_render(article):
    """Render `article`'s Parts (an Article read with _article())."""
    mark = "nr" + secrets.token_hex(12)
    reads = "nr" + secrets.token_hex(12)
    at = _Origin(mark)
    share_description = (
        Truncator(plain_text(article.lead)).chars(200)
        if article.lead_text
        else first_sentence(article.body)
    )
    crumbs = [*agency_crumbs(article.agency), {"name": article.title, "url": ""}]
    photos = list(article.photos.all())
    lead_photo, gallery = photos_shown(article, photos)
    feed_url = reverse("discovery:feed-agency", kwargs={"slug": article.agency.slug})
    context = {
        "newsroom": settings.NEWSROOM,
        "article": article,
        "read_count": mark_safe(reads),
        "canonical_url": at.build_absolute_uri(article.get_absolute_url()),
        "share_description": share_description,
        "share_image": share_image_url(at, article, photos),
        "lead_photo": lead_photo,
        "gallery": gallery,
        "related": related_articles(article),
        "topics": list(article.topics.all()),
        "breadcrumbs": crumbs,
        "feed_url": feed_url,
        "structured_data": structured_data.as_script(
            structured_data.news_article(
                at,
                article,
                images=article_images(at, article, photos),
                description=share_description,
            ),
            structured_data.breadcrumb_list(at, crumbs),
        ),
    }
    meta = render_to_string(META_TEMPLATE, context)
    before, found, after = render_to_string(CONTENT_TEMPLATE, context).partition(reads)
    if not found:
        raise ValueError(f"{CONTENT_TEMPLATE} prints no read count")
    return Parts(
        mark=mark,
        meta=meta,
        before_reads=before,
        after_reads=after,
        unpublish_at=article.unpublish_at,
    )
