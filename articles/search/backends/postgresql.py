"""PostgreSQL: the weighted `document` tsvector (GIN) and pg_trgm over `plain`."""

import json

from django.db import OperationalError, connection, transaction

from articles.search.backends.base import Backend, SearchTooBroad

# A word in most of the news makes a query rank tens of thousands of rows:
# past this the search stops and asks for narrower terms, not a slow page.
TIMEOUT_MS = 3000
QUERY_CANCELED = "57014"


def _lexeme(term):
    # A quoted tsquery lexeme, taken as it is, like the document's literal
    # (terms hold only letters, digits and marks: nothing to escape).
    return f"'{term}'"


class PostgresBackend(Backend):
    def word_match(self, term):
        # In WHERE the GIN index answers it; in the score it is read for the
        # matching rows only (a subquery over the index would visit every
        # article holding a common word).
        return "d.document @@ %s::tsquery", [_lexeme(term)]

    def words_match(self, terms):
        # One tsquery: the word index intersects the words' lists itself, and
        # a match needs no recheck against the stored document.
        return "d.document @@ %s::tsquery", [" & ".join(map(_lexeme, terms))]

    def ids_match(self, ids):
        return "d.article_id = ANY(%s)", [list(ids)]

    def position(self, haystack, needle):
        return f"strpos({haystack}, {needle})"

    def substring_match(self, term):
        # pg_trgm's GIN index answers LIKE '%...%'; `plain` is search_text(),
        # which holds no % or _.
        return "d.plain LIKE %s", [f"%{term}%"]

    def substring_test(self, term):
        # On a window's rows, row by row: strpos searches the bytes, where
        # LIKE '%...%' steps through UTF-8 character by character (two to
        # three times slower on Thai text). Same answer: `plain` holds no % or _.
        return "strpos(d.plain, %s) > 0", [term]

    def count_visible(self, filters):
        # The planner's estimate: counting most of the news costs 100 ms.
        visible_sql, visible_params = self.visible(filters)
        sql = f"SELECT 1 FROM articles_article a WHERE {visible_sql}"
        plan = self.fetch(f"EXPLAIN (FORMAT JSON) {sql}", visible_params)[0][0]
        if isinstance(plan, str):
            plan = json.loads(plan)
        return int(plan[0]["Plan"]["Plan Rows"])

    def fetch(self, sql, params, *, timeout_ms=None, bitmap=False):
        # SET LOCAL lasts until the transaction ends. The settings travel in one
        # string with the query, which outside a transaction runs as one
        # implicit transaction: one round trip. Inside one, a savepoint undoes
        # them when it rolls back, and they are set back by hand when it does not.
        settings = f"SET LOCAL statement_timeout = {int(timeout_ms or TIMEOUT_MS)}; "
        if bitmap:
            # The planner takes a word test for cheap and would test a window's
            # rows one by one; each test reads a compressed document. Bitmaps
            # intersect the word index with the ids instead.
            settings += "SET LOCAL enable_indexscan = off; "
        try:
            if connection.get_autocommit() and not connection.in_atomic_block:
                with connection.cursor() as cursor:
                    cursor.execute(settings + sql, params)
                    return cursor.fetchall()
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SHOW statement_timeout")
                before = cursor.fetchone()[0]
                cursor.execute(settings + sql, params)
                rows = cursor.fetchall()
                cursor.execute(
                    "SET LOCAL statement_timeout = %s; "
                    "SET LOCAL enable_indexscan = DEFAULT",
                    [before],
                )
                return rows
        except OperationalError as exc:
            if getattr(exc.__cause__, "pgcode", None) == QUERY_CANCELED:
                raise SearchTooBroad() from exc
            raise
