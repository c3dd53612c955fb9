"""Storing related news (articles/search/related.py computes it): when an
article is published or edited (articles/services/articles.py, after the
commit, once the search words are stored), and for every article at once with
`manage.py related_news` (the importer's and seed_demo's articles, a nightly run
so older articles pick up newer ones)."""

from django.db import transaction

from articles.models import Article, RelatedNews
from articles.search.related import related_compute


def related_store(*, article):
    """Compute `article`'s related news and store it; returns the RelatedNews."""
    ids = related_compute(article)
    with transaction.atomic():
        row, _ = RelatedNews.objects.update_or_create(
            article_id=article.pk, defaults={"ids": ids}
        )
    return row


def related_store_later(*, article_id):
    """related_store() once the caller's transaction commits: the new title
    and lead are in the search table by then."""

    def store():
        article = _with_words().filter(pk=article_id).first()
        if article is not None:
            related_store(article=article)

    transaction.on_commit(store)


def related_store_all(*, only_missing=False, ids=None, batch=500, progress=None):
    """Store the related news of every published article (or only of those
    with none stored, or only of those in `ids`); returns how many were stored."""
    articles = _with_words().published().order_by("pk")
    if ids is not None:
        articles = articles.filter(pk__in=ids)
    if only_missing:
        articles = articles.filter(related_news__isnull=True)
    done, last = 0, 0
    while True:
        chunk = list(articles.filter(pk__gt=last)[:batch])
        if not chunk:
            return done
        for article in chunk:
            related_store(article=article)
        done, last = done + len(chunk), chunk[-1].pk
        if progress is not None:
            progress(done)


def _with_words():
    return Article.objects.select_related("search_document").only(
        "id", "agency_id", "search_document__title", "search_document__lead"
    )
