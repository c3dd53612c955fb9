"""SQLite: FTS5 over the segmented words, and an FTS5 trigram table for substrings."""

from articles.search.backends.base import Backend

# bm25 column weights: title, lead, agency and byline, body.
WEIGHTS = "10.0, 4.0, 2.0, 1.0"


def _phrase(term):
    # Terms hold only letters, digits and marks: quoting makes one FTS5 string.
    return f'"{term}"'


class SqliteBackend(Backend):
    def word_match(self, term):
        return (
            "d.article_id IN (SELECT rowid FROM articles_search_fts "
            "WHERE articles_search_fts MATCH %s)",
            [_phrase(term)],
        )

    def substring_match(self, term):
        return (
            "d.article_id IN (SELECT rowid FROM articles_search_trigram "
            "WHERE articles_search_trigram MATCH %s)",
            [_phrase(term)],
        )

    def rank(self, terms):
        join = (
            "LEFT JOIN (SELECT rowid AS id, "
            f"bm25(articles_search_fts, {WEIGHTS}) AS bm FROM articles_search_fts "
            "WHERE articles_search_fts MATCH %s) r ON r.id = d.article_id"
        )
        # bm25 is negative, better when lower; kept below the title tier.
        return (
            join,
            [" OR ".join(_phrase(t) for t in terms)],
            "MIN(-COALESCE(r.bm, 0), 99)",
            [],
        )
