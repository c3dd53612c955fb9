"""PostgreSQL: the weighted `document` tsvector (GIN) and pg_trgm over `plain`."""

from articles.search.backends.base import Backend


def _lexeme(term):
    # A quoted tsquery lexeme, taken as it is, like the document's literal
    # (terms hold only letters, digits and marks: nothing to escape).
    return f"'{term}'"


class PostgresBackend(Backend):
    def word_match(self, term):
        # Answered by the GIN index once per query (a hashed subplan), not by
        # reading each row's tsvector.
        return (
            "d.article_id IN (SELECT article_id FROM articles_searchdocument "
            "WHERE document @@ %s::tsquery)",
            [_lexeme(term)],
        )

    def substring_match(self, term):
        # pg_trgm's GIN index answers LIKE '%...%'; `plain` is lower-cased.
        return "d.plain LIKE %s", [f"%{term}%"]
