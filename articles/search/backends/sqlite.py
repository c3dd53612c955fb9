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
