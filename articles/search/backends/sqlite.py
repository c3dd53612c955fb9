"""SQLite: FTS5 over the segmented words, and an FTS5 trigram table for substrings."""

from articles.search.backends.base import Backend


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

    def substring_test(self, term):
        # On a window's rows: the stored text itself, not the trigram index's
        # list of every article holding a common word.
        return "instr(d.plain, %s) > 0", [term]

    def word_test(self, term):
        # On a window's or a page's rows: the row's own words (single spaces
        # between words of letters, digits and marks, as the FTS5 table holds
        # them), not the FTS5 list of every article holding a common word,
        # which costs 5-10 ms to gather for 100 rows tested.
        return (
            "instr(' ' || d.title || ' ' || d.lead || ' ' || d.extra || ' ' "
            "|| d.body || ' ', %s) > 0",
            [f" {term} "],
        )
