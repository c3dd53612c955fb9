"""The stored parts: which are current (build(), the stamp, the epoch), and
storing them (see the package's docstring for the sequence)."""

import hashlib
import logging
from functools import cache
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F, Q
from django.http import Http404
from django.templatetags.static import static
from django.utils import timezone

from articles import structured_data
from articles.article_parts.draw import SHARE_DEFAULT, parts_render
from articles.article_parts.parts import Parts
from articles.models import Article, ArticleRender
from articles.pagecache.invalidation import current_numbers, forget_generation

logger = logging.getLogger(__name__)
FORMAT = "1"  # change when what the parts hold changes


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
            "mark",
            "meta",
            "before_reads",
            "after_reads",
            "article__unpublish_at",
            "article__reads__total",
        )[:1]
    )
    if found and (found[0][4] is None or found[0][4] > timezone.now()):
        mark, meta, before_reads, after_reads, unpublish_at, reads_total = found[0]
        return Parts(
            mark=mark,
            meta=meta,
            before_reads=before_reads,
            after_reads=after_reads,
            unpublish_at=unpublish_at,
            reads_total=reads_total,
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
