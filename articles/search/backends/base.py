"""The SQL both back ends share; each supplies how a term matches.

What must match comes as a query.Plan: units of text (letters, digits, marks
and decimal points only, see text.search_text) looked for in `plain`, or whole
words looked for in the word index; they always travel as query parameters.

Testing a term against one stored document costs tens of microseconds (its
words are compressed out of line), and a word of everyday news is in most of
the articles, so no search tests or ranks every match. It looks in stages and
stops at the first that fills the page:

1. the newest WINDOW published articles, each tested: a word of everyday news
   fills the page here, ranked among the newest news;
2. (every unit required) articles holding every query word as a whole word, found
   by the word index alone, which reads no document: first among the newest
   WORDS_WINDOW articles, then the newest CAP of all. Whole words outrank
   substrings, so they alone fill the page when there are enough of them;
3. the newest CAP articles matching, words or substrings, then ranked.

A window's share of matches, times the articles the filters let through, gives
an estimated total ("about"); a total of whole words only, or capped by CAP, is
a lower bound ("at least").
"""

from django.db import connection
from django.utils import timezone

from articles.models import Article
from articles.search.backends.estimate import visible_count
from articles.search.backends.sql import (
    Sequence,
    db_datetime,
    flag,
    join,
    sum_flags,
)

# Score tiers: more terms matched (OR fallback), then more terms matched as whole
# words, then terms in the title, then in the lead; newer first on ties. No
# term-frequency rank: it reads every document's whole index entry.
MATCHED_TIER = 1_000_000
WORD_TIER = 10_000
TITLE_TIER = 100
LEAD_TIER = 1
WINDOW = 100  # newest articles tested first (stage 1)
WORDS_WINDOW = 2000  # newest articles searched by the word index (stage 2)
CAP = 500  # newest matches ranked at most (stages 2 and 3)


class SearchTooBroad(Exception):
    """The query matched so much that ranking it took longer than allowed."""


class Backend:
    def word_match(self, term):
        """(sql, params): the term is one of the document's words."""
        raise NotImplementedError

    def substring_match(self, term):
        """(sql, params): the term occurs in the document's text."""
        raise NotImplementedError

    def words_match(self, terms):
        """(sql, params): every term is one of the document's words."""
        return join([self.word_match(t) for t in terms], " AND ")

    def ids_match(self, ids):
        """(sql, params): the document is one of these articles'."""
        return f"d.article_id IN ({', '.join(['%s'] * len(ids))})", list(ids)

    def fetch(self, sql, params, *, timeout_ms=None, bitmap=False):
        # timeout_ms: honoured where the database can cancel a statement;
        # bitmap: a hint to combine indexes rather than test rows one by one.
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def position(self, haystack, needle):
        """SQL of the 1-based position of needle in haystack, 0 if absent."""
        return f"instr({haystack}, {needle})"

    # Shared ---------------------------------------------------------------

    def unit_match(self, unit):
        """(sql, params): a query.Unit matches, as a whole word or as text."""
        if unit.word:
            return self.word_match(unit.text)
        return self.substring_match(unit.text)

    def visible(self, filters, alias="a"):
        sql = [f"{alias}.status = %s", f"{alias}.published_at <= %s"]
        params = [Article.Status.PUBLISHED, db_datetime(timezone.now())]
        if filters.agency_id is not None:
            sql.append(f"{alias}.agency_id = %s")
            params.append(filters.agency_id)
        if filters.start is not None:
            sql.append(f"{alias}.published_at >= %s")
            params.append(db_datetime(filters.start))
        if filters.end is not None:
            sql.append(f"{alias}.published_at < %s")
            params.append(db_datetime(filters.end))
        return " AND ".join(sql), params

    def _in_fields(self, unit, fields):
        """(sql, params): the unit's text occurs in the title (fields=1) or in
        the title or lead (fields=2), read from `head` (title, newline, lead)."""
        pos = self.position("d.head", "%s")
        if fields == 1:
            newline = self.position("d.head", "%s")
            return f"{pos} BETWEEN 1 AND {newline}", [unit.text, "\n"]
        return f"{pos} > 0", [unit.text]

    def _score(self, plan, *, all_words=False):
        """(sql, params) of the score; all_words: every term is known to be a
        whole word of every row, so no document is read for it."""
        text_units = [u for u in plan.units if not u.word]
        title_sql, title_params = sum_flags([self._in_fields(u, 1) for u in text_units])
        lead_sql, lead_params = sum_flags([self._in_fields(u, 2) for u in text_units])
        if all_words:
            words_sql, words_params = str(len(plan.terms)), []
        else:
            words_sql, words_params = sum_flags([self.word_test(t) for t in plan.terms])
        sql = (
            f"{WORD_TIER} * ({words_sql}) + {TITLE_TIER} * ({title_sql}) "
            f"+ {LEAD_TIER} * ({lead_sql})"
        )
        params = words_params + title_params + lead_params
        if not plan.require_all:
            matched_sql, matched_params = sum_flags(
                [self.unit_test(u) for u in plan.units]
            )
            sql = f"{MATCHED_TIER} * ({matched_sql}) + {sql}"
            params = matched_params + params
        return sql, params

    def substring_test(self, term):
        """(sql, params): the term occurs in the text, tested on this row
        (for a few rows; substring_match is for the index to answer)."""
        return self.substring_match(term)

    def word_test(self, term):
        """(sql, params): the term is one of the document's words, tested on
        this row (for a few rows; word_match is for the index to answer)."""
        return self.word_match(term)

    def unit_test(self, unit):
        if unit.word:
            return self.word_test(unit.text)
        return self.substring_test(unit.text)

    def _matches(self, plan):
        """(sql, params) testing the plan's units row by row (a window's rows)."""
        flags = [(f"{flag(s)} = 1", ps) for s, ps in map(self.unit_test, plan.units)]
        return join(flags, " AND " if plan.require_all else " OR ")

    def _indexed_matches(self, plan):
        """(sql, params) of the plan's units that the indexes answer."""
        return join(
            list(map(self.unit_match, plan.units)),
            " AND " if plan.require_all else " OR ",
        )

    def search(self, plan, filters, *, limit, offset):
        """Found: one page of the articles matching a query.Plan, best first,
        and the total.

        The stages' matches follow one another, each only as far as the page
        needs and without an article twice, and no stage's matches depend on
        the page asked for: every page is a slice of the same sequence, so
        paging neither repeats nor skips an article."""
        need = offset + limit + 1  # one more than the page: is there a next?
        sequence = Sequence()
        rows, probed = self._newest_window(plan, filters)
        sequence.extend(rows)
        if probed < WINDOW:  # the window held every visible article
            return sequence.found(offset, limit, len(sequence))
        if len(sequence) >= need:
            total = self._about(len(rows), probed, filters)
            return sequence.found(offset, limit, total, exact=False, about=True)
        cap = max(CAP, need)
        if plan.require_all and plan.terms:
            # Worth a look if the whole words among the newest `probed` promise
            # a first page in the window (judged by it, for every page).
            full = WORD_TIER * len(plan.terms)
            words = sum(1 for _, score in rows if score >= full)
            if words * WORDS_WINDOW >= (limit + 1) * probed:
                rows, probed = self._window_words(plan, filters, WORDS_WINDOW)
                sequence.extend(rows)
                if probed < WORDS_WINDOW:  # that window was all the news
                    if len(sequence) >= need:
                        return sequence.found(offset, limit, len(sequence))
                elif len(sequence) >= need:
                    total = self._about(len(rows), probed, filters)
                    return sequence.found(offset, limit, total, exact=False, about=True)
            rows, _ = self._newest_matches(plan, filters, cap, all_words=True)
            sequence.extend(rows)
            if len(sequence) >= need:  # the others are not counted: at least
                return sequence.found(offset, limit, len(sequence), exact=False)
        rows, more = self._newest_matches(plan, filters, cap)
        sequence.extend(rows)
        return sequence.found(offset, limit, len(sequence), exact=not more)

    def _about(self, found, probed, filters):
        """The total a window's share suggests, to two significant digits."""
        visible = visible_count(self, connection.vendor, filters)
        total = round(found / probed * visible)
        return max(found, round(total, 2 - len(str(total))))

    def count_visible(self, filters):
        """How many articles the filters let through (an estimate will do)."""
        visible_sql, visible_params = self.visible(filters)
        sql = f"SELECT COUNT(*) FROM articles_article a WHERE {visible_sql}"
        return self.fetch(sql, visible_params)[0][0]

    def _window_words(self, plan, filters, size):
        """Stage 2 in the newest `size` articles: ([(id, score)] best first,
        articles looked at). Their dates come from the first query, so the
        second reads search rows only, which the word index and the id index
        find together; the plan's text is then tested on those rows."""
        visible_sql, visible_params = self.visible(filters)
        window = self.fetch(
            f"SELECT a.id, a.published_at FROM articles_article a "
            f"WHERE {visible_sql} ORDER BY a.published_at DESC, a.id DESC LIMIT %s",
            visible_params + [size],
        )
        if not window:
            return [], 0
        published = dict(window)
        ids_sql, ids_params = self.ids_match(list(published))
        words_sql, words_params = self.words_match(plan.terms)
        units_sql, units_params = (
            ("1 = 1", []) if plan.held_by_words else (self._matches(plan))
        )
        score_sql, score_params = self._score(plan, all_words=True)
        sql = (
            f"SELECT d.article_id, {score_sql} FROM articles_searchdocument d "
            f"WHERE {ids_sql} AND ({words_sql}) AND ({units_sql})"
        )
        params = score_params + ids_params + words_params + units_params
        rows = self.fetch(sql, params, bitmap=True)
        rows.sort(key=lambda row: (row[1], published[row[0]], row[0]), reverse=True)
        return rows, len(window)

    def _newest_window(self, plan, filters):
        """Stage 1: ([(id, score)] best first, articles probed)."""
        visible_sql, visible_params = self.visible(filters)
        score_sql, score_params = self._score(plan)
        where_sql, where_params = self._matches(plan)
        sql = f"""
            WITH w AS (
                SELECT a.id FROM articles_article a WHERE {visible_sql}
                ORDER BY a.published_at DESC, a.id DESC LIMIT %s
            )
            SELECT a.id, {score_sql} AS score, (SELECT COUNT(*) FROM w) AS probed
            FROM w JOIN articles_article a ON a.id = w.id
            JOIN articles_searchdocument d ON d.article_id = a.id
            WHERE {where_sql}
            ORDER BY score DESC, a.published_at DESC, a.id DESC
        """
        params = visible_params + [WINDOW] + score_params + where_params
        rows = self.fetch(sql, params)
        if not rows:  # no match: was the window full?
            sql = (
                f"SELECT COUNT(*) FROM (SELECT 1 FROM articles_article a "
                f"WHERE {visible_sql} LIMIT %s) w"
            )
            return [], self.fetch(sql, visible_params + [WINDOW])[0][0]
        return [(pk, score) for pk, score, _ in rows], rows[0][2]

    def _newest_matches(self, plan, filters, cap, all_words=False):
        """Stages 2 and 3: ([(id, score)] of the newest `cap` matches, best
        first; whether there are more). all_words: only articles holding every
        term of the query as a whole word (the word index finds them first)."""
        visible_sql, visible_params = self.visible(filters)
        where_sql, where_params = self._indexed_matches(plan)
        if all_words:
            words_sql, words_params = self.words_match(plan.terms)
            if plan.held_by_words:  # the word index alone: no text read
                where_sql, where_params = words_sql, words_params
            else:
                where_sql = f"({words_sql}) AND ({where_sql})"
                where_params = words_params + where_params
        score_sql, score_params = self._score(plan, all_words=all_words)
        sql = f"""
            SELECT a.id, {score_sql} AS score, a.published_at FROM (
                SELECT a.id FROM articles_searchdocument d
                JOIN articles_article a ON a.id = d.article_id
                WHERE {visible_sql} AND ({where_sql})
                ORDER BY a.published_at DESC, a.id DESC LIMIT %s
            ) c
            JOIN articles_article a ON a.id = c.id
            JOIN articles_searchdocument d ON d.article_id = a.id
            ORDER BY score DESC, a.published_at DESC, a.id DESC
        """
        params = score_params + visible_params + where_params + [cap + 1]
        rows = self.fetch(sql, params)
        more = len(rows) > cap
        if more:  # the one past the cap, the oldest, only tells there are more
            rows.remove(min(rows, key=lambda row: (row[2], row[0])))
        return [(pk, score) for pk, score, _ in rows], more
