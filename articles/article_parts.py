"""An article page's own parts, rendered once per change and kept in the
database (ArticleRender): an article nobody has asked for since it last
changed costs one query, not a walk of its photos, topics, documents and
related news through the ORM and a dozen templates.

The parts are the page's <head> meta (title, description, canonical, Open
Graph, feed link, JSON-LD) and its content cut at the read count. On a page
cache miss the article view (views/public.py) calls parts_current():

1. The article epoch (PageGeneration row 2) was read with the page
   generation, before anything of the article (pagecache/render.epoch()).
2. One query reads the stored parts if their stamp is the article's
   updated_at, their epoch that epoch and their build this code's templates
   (build()). The same updated_at means the same status and times as when
   they were drawn, for a public article: they serve unless its end has come.
3. Otherwise the article is read (published only, else 404), its parts
   rendered from the ORM (parts_render) and stored with its updated_at and
   the epoch of step 1, never a newer one: a change committed in between
   leaves them stale at once, drawn again on the next request.

What moves the epoch: pagecache.invalidation.pages_invalidate() (agencies,
authors, topics, a public article's photos and documents, a public article
edited or withdrawn: other articles' related news show it). A draft saved or
an article published for the first time leaves every stored part current.

Absolute addresses (canonical, share links, JSON-LD, og:image) are rendered
for a marker drawn per render instead of the site's origin, and the page puts
the request's origin in its place: the parts do not depend on the Host a
visitor sent, and no article text can hold the marker.
"""

import hashlib
import logging
import re
import secrets
from functools import cache
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F, Q
from django.http import Http404
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from articles import structured_data
from articles.crumbs import agency_crumbs
from articles.models import Article, ArticleRender
from articles.pagecache.invalidation import current_numbers, forget_generation
from articles.search import related_articles
from articles.search.text import plain_text
from articles.services.photos import photos_shown

logger = logging.getLogger(__name__)
META_TEMPLATE = "articles/article/meta.html"
CONTENT_TEMPLATE = "articles/article/content.html"
SHARE_DEFAULT = "img/share-default.png"  # 1200x630, like every Photo.share
FORMAT = "1"  # change when what the parts hold changes
# Thai ends a sentence with a space, not a full stop (น. and ส.ปชส. are
# abbreviations); short phrases before the first space are not sentences yet.
FIRST_SENTENCE = re.compile(r"^(.{60,}?)\s")


class Parts:
    """What the article page prints around the per-request holes."""

    __slots__ = ("mark", "meta", "before_reads", "after_reads", "unpublish_at")

    def __init__(self, *, mark, meta, before_reads, after_reads, unpublish_at):
        self.mark, self.meta = mark, meta
        self.before_reads, self.after_reads = before_reads, after_reads
        self.unpublish_at = unpublish_at

    def for_origin(self, origin):
        """(meta, before, after) as safe HTML with `origin` (scheme://host)
        in place of the marker: raw in attributes and JSON, encoded in the
        share links' ?url=."""
        encoded = quote(origin, safe="")

        def placed(text):
            text = text.replace(self.mark + "%2F", encoded + "%2F")
            return mark_safe(text.replace(self.mark, origin))

        return placed(self.meta), placed(self.before_reads), placed(self.after_reads)


@cache
def _templates_digest():
    """The templates' sources, hashed once per process: a deploy that changes
    any of them makes every stored part stale."""
    digest = hashlib.sha256()
    for root in settings.TEMPLATES[0]["DIRS"]:
        for path in sorted(Path(root).rglob("*.html")):
            digest.update(path.read_bytes())
    return digest.hexdigest()


def build():
    """The fingerprint of what renders the parts besides the article: this
    code's format, the templates, the site's settings and static names."""
    logo = structured_data.logo_static()[1]
    source = "|".join(
        (
            FORMAT,
            _templates_digest(),
            repr(sorted(settings.NEWSROOM.items())),
            settings.MEDIA_URL,
            static(SHARE_DEFAULT),
            static(logo),
        )
    )
    return hashlib.sha256(source.encode()).hexdigest()[:16]


def parts_current(pk, epoch):
    """The current Parts of published article `pk`, rendered and stored when
    the stored ones are missing or stale; Http404 when it is not public.
    `epoch`: the article epoch, read before anything of the article."""
    current = build()
    # Stored parts of the article as it is now (same updated_at: same status
    # and times, and it was public when drawn) are public still unless its
    # end has come.
    found = list(
        ArticleRender.objects.filter(
            article_id=pk, stamp=F("article__updated_at"), epoch=epoch, build=current
        ).values_list(
            "mark", "meta", "before_reads", "after_reads", "article__unpublish_at"
        )[:1]
    )
    if found and (found[0][4] is None or found[0][4] > timezone.now()):
        mark, meta, before_reads, after_reads, unpublish_at = found[0]
        return Parts(
            mark=mark,
            meta=meta,
            before_reads=before_reads,
            after_reads=after_reads,
            unpublish_at=unpublish_at,
        )
    article = _article(pk)
    if article is None:
        raise Http404("ไม่พบข่าว")
    parts = parts_render(article)
    parts_store(pk, parts, stamp=article.updated_at, epoch=epoch, build=current)
    return parts


def _article(pk):
    # Related news is stored when an article is published: its search words
    # are read only for one that has none yet (related_articles).
    return (
        Article.objects.published()
        .select_related("agency", "author", "editor", "related_news")
        .filter(pk=pk)
        .first()
    )


def parts_store(pk, parts, *, stamp, epoch, build):
    """Keep `parts`, stamped with what step 1 read."""
    fields = {
        "stamp": stamp,
        "epoch": epoch,
        "build": build,
        "mark": parts.mark,
        "meta": parts.meta,
        "before_reads": parts.before_reads,
        "after_reads": parts.after_reads,
    }
    try:
        with transaction.atomic():
            if not ArticleRender.objects.filter(article_id=pk).update(**fields):
                ArticleRender.objects.create(article_id=pk, **fields)
    except IntegrityError:
        pass  # another request stored it first: its parts serve as well
    except DatabaseError as error:  # SQLite busy, a read-only replica: serve
        logger.warning("article %s: parts not stored: %s", pk, error)


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


def parts_store_all(*, part=None, batch=500, progress=None):
    """Render and store the parts of every published article whose stored
    ones are missing or stale (`manage.py render_articles`: after a deploy
    that changed the templates, or a change that moved the epoch, so that the
    long tail is not drawn on visitors' requests); returns how many. `part`
    (k, n): only the articles whose id is k modulo n, for n processes."""
    forget_generation()
    epoch = current_numbers()[1]
    stale = Article.objects.published().filter(
        Q(render__isnull=True)
        | ~Q(render__stamp=F("updated_at"))
        | ~Q(render__epoch=epoch)
        | ~Q(render__build=build())
    )
    if part is not None:
        stale = stale.annotate(part=F("pk") % part[1]).filter(part=part[0])
    done, last = 0, 0
    while True:
        ids = list(
            stale.filter(pk__gt=last)
            .order_by("pk")
            .values_list("pk", flat=True)[:batch]
        )
        if not ids:
            return done
        for pk in ids:
            try:
                parts_current(pk, epoch)
            except Http404:
                continue  # withdrawn meanwhile
            done += 1
        last = ids[-1]
        if progress is not None:
            progress(done)
