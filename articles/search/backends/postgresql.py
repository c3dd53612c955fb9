"""PostgreSQL: the weighted `document` tsvector (GIN) and pg_trgm over `plain`."""

from articles.search.backends.base import Backend

# ts_rank weights in {D, C, B, A} order: body, agency and byline, lead, title.
WEIGHTS = "{0.1, 0.2, 0.4, 1.0}"


def _lexeme(term):
    # A quoted tsquery lexeme, taken as it is, like the document's literal
    # (terms hold only letters, digits and marks: nothing to escape).
    return f"'{term}'"


class PostgresBackend(Backend):
    def word_match(self, term):
        return "d.document @@ %s::tsquery", [_lexeme(term)]

    def substring_match(self, term):
        # pg_trgm's GIN index answers LIKE '%...%'; `plain` is lower-cased.
        return "d.plain LIKE %s", [f"%{term}%"]

    def rank(self, terms):
        query = " | ".join(_lexeme(t) for t in terms)
        return "", [], f"ts_rank('{WEIGHTS}', d.document, %s::tsquery)", [query]
