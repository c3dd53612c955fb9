"""The admin's article form: the same services as the desk, so its saves are
sanitised, version-checked and in the history like any other."""

from django.db import transaction
from django.utils import timezone

from articles.models import Article, ArticleEvent
from articles.pagecache.invalidation import pages_invalidate
from articles.reads import read_total_ensure
from articles.services.articles import CONTENT_FIELDS, article_update
from articles.services.revisions import revision_record

ADMIN_DETAIL = "ผ่านหน้าผู้ดูแลระบบ"
ADMIN_FIELDS = ("status", "published_at", "editor", "legacy_id")


@transaction.atomic
def article_admin_create(*, article: Article, user) -> Article:
    """Store a new article built by the admin's form (its inlines need this very
    instance), with its read counter and history."""
    article.save()
    read_total_ensure(article_id=article.pk, start=0)
    ArticleEvent.objects.create(
        article=article,
        user=user,
        action=ArticleEvent.Action.CREATED,
        detail=ADMIN_DETAIL,
    )
    revision_record(article=article, user=user, note=ADMIN_DETAIL)
    return article


def _status_event(article, *, now):
    if article.status == Article.Status.PUBLISHED:
        if article.published_at and article.published_at > now:
            return ArticleEvent.Action.SCHEDULED
        return ArticleEvent.Action.PUBLISHED
    if article.status == Article.Status.UNPUBLISHED:
        return ArticleEvent.Action.UNPUBLISHED
    return ArticleEvent.Action.EDITED


@transaction.atomic
def article_admin_save(*, article: Article, user, version: int, **fields) -> Article:
    """Save the admin's form of `article` (as stored) if nobody saved since
    `version` was loaded: the content through article_update, then the fields
    only the admin changes directly (status, times, approving editor)."""
    article = article_update(
        article=article,
        user=user,
        version=version,
        detail=ADMIN_DETAIL,
        **{key: fields[key] for key in CONTENT_FIELDS if key in fields},
    )
    others = {key: fields[key] for key in ADMIN_FIELDS if key in fields}
    changed = {
        key: value for key, value in others.items() if getattr(article, key) != value
    }
    if not changed:
        return article
    now = timezone.now()
    was_public = article.is_public
    Article.objects.filter(pk=article.pk).update(**changed, updated_at=now)
    article.refresh_from_db()
    pages_invalidate(article_pages=was_public)
    ArticleEvent.objects.create(
        article=article,
        user=user,
        action=_status_event(article, now=now),
        detail=ADMIN_DETAIL,
    )
    return article
