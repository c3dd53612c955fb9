"""Storing a chunk of prepared pages in one transaction, with bulk writes.

Each page is checked and planned first (page_plan: refusals raise before
anything is written); then the chunk's new articles, their read counters,
history rows and search documents go in a few bulk statements, the changes to
articles imported before in one UPDATE each, and the cached lists move on
once. Bulk writes send no post_save, so the search index is written here, in
the same transaction: once the chunk commits, its pages are findable.

Should the database refuse anything in the chunk, the chunk rolls back and
its pages are stored again one by one, each in its own transaction
(page_import), so only the page at fault fails and nothing of it is stored.
"""

from django.db import DatabaseError, transaction
from django.db.models import F
from django.utils import timezone

from articles import thai
from articles.models import Article, ArticleEvent, ReadTotal, SearchDocument
from articles.pagecache.invalidation import pages_invalidate
from articles.search.indexing import (
    document_fields,
    extra_text,
    text_parts,
    uses_tsvector,
    write_documents,
)
from articles.services.imports.page import (
    ImportRefused,
    PageOutcome,
    page_import,
    page_plan,
    reads_raise,
    update_event,
)
from articles.services.imports.prepare import segmented

# Agency, byline and editor recur from page to page: their words are cut once.
MAX_EXTRA_PARTS = 4096


class _ExtraParts(dict):
    """text_parts(extra=...) by text, for one dictionary version."""

    version = None

    def of(self, text):
        if self.version != thai.dictionary_version() or len(self) > MAX_EXTRA_PARTS:
            self.clear()
            self.version = thai.dictionary_version()
        if text not in self:
            self[text] = text_parts(extra=text)["extra"]
        return self[text]


_extra_parts = _ExtraParts()


def _failed(prepared, reason):
    page = prepared.page
    return PageOutcome(
        source=prepared.source,
        action="failed",
        legacy_id=page.legacy_id,
        title=page.title,
        reason=reason,
    )


def _cut_otherwise(prepared):
    """Whether a word added to the dictionary since the page was segmented (an
    agency's name) is in its text: a word that is not cannot change the cut."""
    if prepared.dictionary == thai.dictionary_version():
        return False
    added = thai.words_since(prepared.dictionary)
    return any(word in text for text, _ in prepared.parts.values() for word in added)


def _document(pk, values, prepared, tsv):
    if prepared.parts is None or _cut_otherwise(prepared):
        prepared = segmented(prepared)
    extra = extra_text(values["agency"], values["author"], values["editor_name"])
    parts = {**prepared.parts, "extra": _extra_parts.of(extra)}
    return SearchDocument(**document_fields(pk, parts, tsv))


def _store(plans):
    """Write the planned pages, [(PagePlan, PreparedPage)], in bulk."""
    created = [
        (plan, prepared, Article(
            status=Article.Status.PUBLISHED, legacy_id=plan.page.legacy_id,
            **plan.values,
        ))
        for plan, prepared in plans
        if plan.existing is None
    ]  # fmt: skip
    Article.objects.bulk_create([article for _, _, article in created])
    ReadTotal.objects.bulk_create(
        ReadTotal(article=article, total=plan.page.reads or 0)
        for plan, _, article in created
    )
    events = [
        ArticleEvent(article=article, action=ArticleEvent.Action.IMPORTED)
        for _, _, article in created
    ]
    indexed = [
        (article.pk, plan.values, prepared) for plan, prepared, article in created
    ]
    now = timezone.now()
    for plan, prepared in plans:
        existing = plan.existing
        if existing is None:
            continue
        if plan.changes:
            for name, value in plan.changes.items():
                setattr(existing, name, value)
            # A desk form opened before the import must not overwrite it unseen.
            existing.version += 1
            Article.objects.filter(pk=existing.pk).update(
                **plan.changes, version=F("version") + 1, updated_at=now
            )
            indexed.append((existing.pk, plan.values, prepared))
        if plan.reads_up:
            reads_raise(existing, plan.page.reads)
        events.append(update_event(existing, plan.source))
    ArticleEvent.objects.bulk_create(events)
    tsv = uses_tsvector()
    write_documents([_document(*entry, tsv) for entry in indexed])
    if events:
        pages_invalidate()
    return created


def chunk_import(chunk, cache):
    """Store a chunk of PreparedPages (distinct legacy IDs) in one transaction;
    returns their PageOutcomes in order."""
    outcomes, plans = [], []
    legacy_ids = [p.page.legacy_id for p in chunk if not p.failed]
    cache.articles_prefetch(legacy_ids)
    try:
        with transaction.atomic():
            for prepared in chunk:
                if prepared.failed:
                    outcomes.append(
                        PageOutcome(
                            source=prepared.source,
                            action="failed",
                            reason=str(prepared.page),
                        )
                    )
                    continue
                try:
                    outcome, plan = page_plan(
                        page=prepared.page,
                        source=prepared.source,
                        cache=cache,
                        dry_run=False,
                        prepared=prepared,
                    )
                except ImportRefused as exc:
                    outcomes.append(_failed(prepared, str(exc)))
                    continue
                outcomes.append(outcome)
                if plan is not None:
                    plans.append((plan, prepared, outcome))
            created = _store([(plan, prepared) for plan, prepared, _ in plans])
    except DatabaseError:
        cache.rollback(legacy_ids)
        return [_one_by_one(prepared, cache) for prepared in chunk]
    for _, _, article in created:
        cache.article_stored(article)  # for a later page with the same ID
    cache.commit()
    ids = {id(plan): article.pk for plan, _, article in created}
    for plan, _, outcome in plans:
        outcome.article_id = ids.get(id(plan), outcome.article_id)
    return outcomes


def _one_by_one(prepared, cache):
    if prepared.failed:
        return PageOutcome(
            source=prepared.source, action="failed", reason=str(prepared.page)
        )
    return page_import(page=prepared.page, source=prepared.source, cache=cache)
