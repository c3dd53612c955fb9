"""Keeping the index current: one article at a time, or all of them."""

from django.db import transaction

from articles.models import Article, SearchDocument
from articles.search.dictionary import ensure_agency_words
from articles.search.text import normalized, plain_text, terms_of

# Fields whose change alters the index; a save of only other fields (status,
# version) skips re-segmenting, since visibility is decided at query time.
INDEXED_FIELDS = {"title", "lead", "body", "agency", "agency_id", "author", "author_id"}


def _joined(text):
    return " ".join(terms_of(text))


def document_for(article):
    """The SearchDocument row for an article (not saved)."""
    ensure_agency_words()
    agency = article.agency
    byline = article.author.byline if article.author_id else ""
    extra = " ".join(
        n
        for n in (agency.short_name, agency.full_name, byline, article.editor_name)
        if n
    )
    lead, body = plain_text(article.lead), plain_text(article.body)
    return SearchDocument(
        article_id=article.pk,
        title=_joined(article.title),
        lead=_joined(lead),
        extra=_joined(extra),
        body=_joined(body),
        plain=normalized("\n".join((article.title, lead, body, extra))),
    )


def index_article(article):
    """Write the article's index row (insert or replace)."""
    document = document_for(article)
    fields = ["title", "lead", "extra", "body", "plain"]
    SearchDocument.objects.update_or_create(
        article_id=article.pk, defaults={f: getattr(document, f) for f in fields}
    )
    return document


@transaction.atomic
def index_articles(articles):
    """Index several articles: segment each, then write the rows in bulk."""
    documents = [document_for(a) for a in articles]
    ids = [d.article_id for d in documents]
    SearchDocument.objects.filter(article_id__in=ids).delete()
    SearchDocument.objects.bulk_create(documents)
    return len(documents)


def reindex_all(*, batch_size=500, progress=None):
    """Rebuild every article's row (published or not: visibility is decided when
    searching, so a scheduled article becomes findable by itself). Returns the count."""
    queryset = Article.objects.select_related("agency", "author").order_by("pk")
    done, last_pk = 0, 0
    while True:
        batch = list(queryset.filter(pk__gt=last_pk)[:batch_size])
        if not batch:
            break
        done += index_articles(batch)
        last_pk = batch[-1].pk
        if progress:
            progress(done)
    return done


def article_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    """post_save of Article: the desk, the importer, seed_demo and the admin."""
    if raw:  # loaddata: the fixture's own rows, nothing derived
        return
    if update_fields is not None and not INDEXED_FIELDS & set(update_fields):
        return
    index_article(instance)
