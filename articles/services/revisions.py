"""Revisions: every save of an article's content keeps what it then said.

article_update and article_create call revision_record after they write; a
restore saves an old revision's content again through article_update (version
check, sanitising, history), so it becomes the newest revision and no other is
ever changed or deleted.
"""

from django.db import transaction
from django.db.models import Max

from articles.models import Article, ArticleRevision

BEFORE_HISTORY = "ฉบับก่อนเริ่มเก็บประวัติ"


def _byline(article):
    return article.author.byline if article.author_id else ""


def revision_record(
    *, article: Article, user, note: str = "", at=None
) -> ArticleRevision:
    """Keep `article`'s content as stored now, as its next revision."""
    number = article.revisions.aggregate(last=Max("number"))["last"] or 0
    fields = {"at": at} if at is not None else {}
    return ArticleRevision.objects.create(
        article=article,
        number=number + 1,
        title=article.title,
        lead=article.lead,
        body=article.body,
        byline=_byline(article),
        photos=list(article.photos.order_by("id").values_list("id", flat=True)),
        user=user,
        note=note[:300],
        **fields,
    )


def revision_record_before(*, article: Article) -> None:
    """An article stored before revisions were kept (or imported in bulk) gets
    its pre-edit content as revision 1, so the first edit can be compared."""
    if not article.revisions.exists():
        revision_record(
            article=article, user=None, note=BEFORE_HISTORY, at=article.updated_at
        )


@transaction.atomic
def article_revision_restore(
    *, article: Article, revision: ArticleRevision, user, version: int
) -> Article:
    """Save `revision`'s content again as the article's newest revision."""
    # Imported here: articles.py records revisions through this module.
    from articles.services.articles import article_update

    if revision.article_id != article.pk:
        raise ValueError("revision of another article")
    return article_update(
        article=article,
        user=user,
        version=version,
        detail=f"คืนเนื้อหาจากฉบับที่ {revision.number}",
        title=revision.title,
        lead=revision.lead,
        body=revision.body,
        byline=revision.byline,
    )
