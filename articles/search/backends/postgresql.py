"""PostgreSQL: the weighted `document` tsvector (GIN) and pg_trgm over `plain`."""

from articles.search.backends.base import Backend

# ts_rank weights in {D, C, B, A} order: body, agency and byline, lead, title.
WEIGHTS = "{0.1, 0.2, 0.4, 1.0}"


class PostgresBackend(Backend):
    def word_match(self, term):
        return "d.document @@ plainto_tsquery('simple', %s)", [term]

    def substring_match(self, term):
        # pg_trgm's GIN index answers LIKE '%...%'; `plain` is lower-cased.
        return "d.plain LIKE %s", [f"%{term}%"]

    def rank(self, terms):
        query = " || ".join("plainto_tsquery('simple', %s)" for _ in terms)
        return "", [], f"ts_rank('{WEIGHTS}', d.document, {query})", list(terms)
