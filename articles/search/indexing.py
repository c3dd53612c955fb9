"""Keeping the index current: one article at a time, or all of them."""

import collections
import functools
import multiprocessing
import multiprocessing.util

from django.db import connection, connections, transaction

from articles import thai
from articles.models import Article, ArticleEvent, SearchDocument
from articles.search.backends.estimate import forget_visible_counts
from articles.search.dictionary import ensure_agency_words
from articles.search.text import (
    MAX_FIELD_LENGTH,
    plain_text,
    search_text,
    terms_of,
)

# Fields whose change alters the index; a save of only other fields (status,
# version) skips re-segmenting, since visibility is decided at query time.
INDEXED_FIELDS = {"title", "lead", "body", "agency", "agency_id", "author", "author_id"}


def _source(article):
    """What the index is made of, as plain values (they cross to worker processes)."""
    author = article.author if article.author_id else None
    extra = extra_text(article.agency, author, article.editor_name)
    return (article.pk, article.title, article.lead, article.body, extra)


def extra_text(agency, author, editor_name):
    """The `extra` field's text: agency names, byline and editor."""
    byline = author.byline if author else ""
    names = (agency.short_name, agency.full_name, byline, editor_name)
    return " ".join(n for n in names if n)


WEIGHTS = {"title": "A", "lead": "B", "extra": "C", "body": "D"}
# PostgreSQL's limits: positions up to 16383, 256 of them per word, words
# shorter than 2 KB (longer ones are left out, as to_tsvector does).
MAX_POSITION = 16383
MAX_POSITIONS = 256
MAX_LEXEME_BYTES = 2046


def tsvector_literal(words):
    """The tsvector PostgreSQL would build from the fields' words, as a literal:
    setweight(to_tsvector(title), 'A') || ... || setweight(..body.., 'D').
    Words hold only letters, digits and marks, so they need no escaping."""
    positions = {}
    offset = 0
    for name, weight in WEIGHTS.items():
        field = words[name]
        capped = f"{MAX_POSITION}{weight}"
        # `||` shifts the right side past the left's end.
        for index, word in enumerate(field, offset + 1):
            label = f"{index}{weight}" if index < MAX_POSITION else capped
            found = positions.get(word)
            if found is None:
                positions[word] = [label]
            elif len(found) < MAX_POSITIONS:
                found.append(label)
        offset += len(field)
    # A character is at most 4 bytes in UTF-8: most words need no encoding.
    short = MAX_LEXEME_BYTES // 4
    return " ".join(
        [
            f"'{word}':{','.join(found)}"
            for word, found in positions.items()
            if len(word) <= short or len(word.encode()) <= MAX_LEXEME_BYTES
        ]
    )


def text_parts(**texts):
    """Each field's normalised text and its words: the costly half of a
    document (CPU only, no database), which the importer runs in workers."""
    parts = {}
    for name, text in texts.items():
        # Normalised once, then both segmented and kept whole for substrings.
        normalized = thai.normalize(text)
        parts[name] = (normalized, terms_of(normalized, normalized=True))
    return parts


PLAIN_FIELDS = ("title", "lead", "extra", "body")


def plain_of(*, title, lead, extra, body):
    """The text a query's text is looked for in, from the normalised fields:
    every field whole, compact (search_text), one a line, title and lead first
    (the score reads where a match first occurs), so that no match runs from
    one field into the next."""
    texts = {"title": title, "lead": lead, "extra": extra, "body": body}
    return "\n".join(
        search_text(texts[name][:MAX_FIELD_LENGTH], normalized=True)
        for name in PLAIN_FIELDS
    )


def head_of(plain):
    """The title and lead lines of plain_of()'s text."""
    return "\n".join(plain.split("\n", 2)[:2])


def document_fields(pk, parts, with_tsvector=False):
    """SearchDocument fields from text_parts() of title, lead, extra and body."""
    texts = {name: parts[name][0] for name in WEIGHTS}
    words = {name: parts[name][1] for name in WEIGHTS}
    plain = plain_of(**texts)
    fields = {name: " ".join(found) for name, found in words.items()}
    document = tsvector_literal(words) if with_tsvector else None
    return {
        "article_id": pk,
        "plain": plain,
        "head": head_of(plain),
        "document": document,
        **fields,
    }


def _document(source, with_tsvector=False):
    """SearchDocument fields from _source(): CPU only, no database."""
    pk, title, lead, body, extra = source
    parts = text_parts(
        title=title, lead=plain_text(lead), extra=extra, body=plain_text(body)
    )
    return document_fields(pk, parts, with_tsvector)


def uses_tsvector():
    return connection.vendor == "postgresql"


def document_for(article):
    """The SearchDocument row for an article (not saved)."""
    ensure_agency_words()
    return SearchDocument(**_document(_source(article), uses_tsvector()))


def index_article(article):
    """Write the article's index row (insert or replace)."""
    document = document_for(article)
    fields = ["title", "lead", "extra", "body", "plain", "head", "document"]
    SearchDocument.objects.update_or_create(
        article_id=article.pk, defaults={f: getattr(document, f) for f in fields}
    )
    forget_visible_counts()
    return document


@transaction.atomic
def write_documents(documents):
    ids = [d.article_id for d in documents]
    SearchDocument.objects.filter(article_id__in=ids).delete()
    SearchDocument.objects.bulk_create(documents)
    forget_visible_counts()
    return len(documents)


def index_articles(articles):
    """Index several articles: segment each, then write the rows in bulk."""
    ensure_agency_words()
    tsv = uses_tsvector()
    return write_documents(
        [SearchDocument(**_document(_source(a), tsv)) for a in articles]
    )


def _batches(batch_size):
    queryset = Article.objects.select_related("agency", "author").order_by("pk")
    last_pk = 0
    while batch := list(queryset.filter(pk__gt=last_pk)[:batch_size]):
        last_pk = batch[-1].pk
        yield [_source(a) for a in batch]


def _index_sources(sources):
    """In a worker process: segment and write one batch over its own connection."""
    return write_documents([SearchDocument(**_document(s, True)) for s in sources])


# For the workers' own sessions: a rebuild is safe to run again, so its
# commits need not wait for the disk; and the GIN indexes move their pending
# lists into the index in rounds of work_mem, which the default 4 MB makes
# several times more numerous than 64 MB.
WORKER_SESSION = ("SET synchronous_commit TO OFF", "SET work_mem TO '64MB'")


def _worker_start():
    # Close this process's own connection on exit, not the parent's socket.
    multiprocessing.util.Finalize(None, connections.close_all, exitpriority=10)
    with connection.cursor() as cursor:
        for statement in WORKER_SESSION:
            cursor.execute(statement)


def _reindex_writing_in_workers(batch_size, workers, progress):
    """PostgreSQL outside a transaction: each worker segments and writes its
    batches over its own connection, so the database's work (tsvector, trigram
    and GIN updates) runs in parallel too."""
    done = 0
    connections.close_all()  # the workers must not share this process's socket
    pool = multiprocessing.get_context("fork").Pool(workers, initializer=_worker_start)
    try:
        pending = collections.deque()
        for sources in _batches(batch_size):
            pending.append(pool.apply_async(_index_sources, (sources,)))
            while len(pending) >= workers * 2:
                done += pending.popleft().get()
                if progress:
                    progress(done)
        while pending:
            done += pending.popleft().get()
            if progress:
                progress(done)
    except BaseException:
        pool.terminate()
        raise
    else:
        pool.close()  # workers exit through their finalizer: connections closed
    finally:
        pool.join()
    return done


def _reindex_segmenting_in_workers(batch_size, workers, progress):
    """Workers segment; this process reads the next batch and writes the last
    (any database, and inside a transaction)."""
    done = 0
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        pending = None
        for sources in _batches(batch_size):
            chunk = max(1, len(sources) // (workers * 4))
            computing = pool.map_async(
                functools.partial(_document, with_tsvector=uses_tsvector()),
                sources,
                chunksize=chunk,
            )
            if pending is not None:
                done += write_documents([SearchDocument(**f) for f in pending.get()])
                if progress:
                    progress(done)
            pending = computing
        if pending is not None:
            done += write_documents([SearchDocument(**f) for f in pending.get()])
            if progress:
                progress(done)
    return done


def reindex_all(*, batch_size=500, workers=1, progress=None):
    """Rebuild every article's row (published or not: visibility is decided when
    searching, so a scheduled article becomes findable by itself). Returns the
    count. With workers > 1 the work is spread over that many forked processes."""
    ensure_agency_words()
    thai.segment("ก")  # load the dictionary once, before any fork
    if workers > 1 and "fork" in multiprocessing.get_all_start_methods():
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            return _reindex_writing_in_workers(batch_size, workers, progress)
        return _reindex_segmenting_in_workers(batch_size, workers, progress)
    done, tsv = 0, uses_tsvector()
    for sources in _batches(batch_size):
        done += write_documents([SearchDocument(**_document(s, tsv)) for s in sources])
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


def event_recorded(sender, instance, created=False, raw=False, **kwargs):
    """post_save of ArticleEvent. The desk saves edits and status changes with
    conditional UPDATEs (no Article post_save), and records each as an event:
    an edit is re-indexed from the row as stored."""
    if raw or not created:
        return
    if instance.action == ArticleEvent.Action.EDITED:
        article = (
            Article.objects.select_related("agency", "author")
            .filter(pk=instance.article_id)
            .first()
        )
        if article is not None:
            index_article(article)
