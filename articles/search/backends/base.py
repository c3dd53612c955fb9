"""The SQL both back ends share; each supplies how a term matches.

Terms reaching here are only letters, digits and marks (see text.clean_token)
and always travel as query parameters.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db import connection
from django.utils import timezone

from articles.models import Article
from articles.search.text import MIN_SUBSTRING_LENGTH

# Score tiers: more terms matched (OR fallback), then more terms matched as whole
# words, then terms in the title, then in the lead; newer first on ties. No
# term-frequency rank: it reads every matching document's whole index entry,
# which costs seconds when a word is in most of the news, for little gain in
# news, where recency matters more.
MATCHED_TIER = 1_000_000
WORD_TIER = 10_000
TITLE_TIER = 100
LEAD_TIER = 1
# Related news is a side dish of the article page: past this, the page shows the
# agency's latest news instead of waiting (articles/search/related.py).
RELATED_TIMEOUT_MS = 250


class SearchTooBroad(Exception):
    """The query matched so much that ranking it took longer than allowed."""


@dataclass
class Filters:
    agency_id: int | None = None
    start: datetime | None = None  # inclusive
    end: datetime | None = None  # exclusive


class Backend:
    def word_match(self, term):
        """(sql, params): the term is one of the document's words."""
        raise NotImplementedError

    def substring_match(self, term):
        """(sql, params): the term occurs in the document's text."""
        raise NotImplementedError

    def fetch(self, sql, params, *, timeout_ms=None):
        # timeout_ms: honoured where the database can cancel a statement.
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    # Shared ---------------------------------------------------------------

    def term_match(self, term):
        if len(term) >= MIN_SUBSTRING_LENGTH:
            return self.substring_match(term)
        return self.word_match(term)

    @staticmethod
    def _flag(sql):
        return f"(CASE WHEN {sql} THEN 1 ELSE 0 END)"

    def _sum(self, parts):
        sql = " + ".join(self._flag(s) for s, _ in parts)
        params = [p for _, ps in parts for p in ps]
        return sql, params

    def _visible(self, filters):
        sql = ["a.status = %s", "a.published_at <= %s"]
        params = [Article.Status.PUBLISHED, timezone.now()]
        if filters.agency_id is not None:
            sql.append("a.agency_id = %s")
            params.append(filters.agency_id)
        if filters.start is not None:
            sql.append("a.published_at >= %s")
            params.append(filters.start)
        if filters.end is not None:
            sql.append("a.published_at < %s")
            params.append(filters.end)
        return " AND ".join(sql), params

    def search(self, terms, filters, *, limit, offset, require_all=True):
        """[(article id, score, total)] of one page, best first."""
        matches = [self.term_match(t) for t in terms]
        words_sql, words_params = self._sum([self.word_match(t) for t in terms])
        title_sql, title_params = self._sum(
            [("d.title LIKE %s", [f"%{t}%"]) for t in terms]
        )
        lead_sql, lead_params = self._sum(
            [("d.lead LIKE %s", [f"%{t}%"]) for t in terms]
        )
        score = (
            f"{WORD_TIER} * ({words_sql}) + {TITLE_TIER} * ({title_sql}) "
            f"+ {LEAD_TIER} * ({lead_sql})"
        )
        score_params = words_params + title_params + lead_params
        if require_all:
            where = " AND ".join(f"({s})" for s, _ in matches)
        else:
            where = " OR ".join(f"({s})" for s, _ in matches)
            matched_sql, matched_params = self._sum(matches)
            score = f"{MATCHED_TIER} * ({matched_sql}) + {score}"
            score_params = matched_params + score_params
        where_params = [p for _, ps in matches for p in ps]
        visible_sql, visible_params = self._visible(filters)
        sql = f"""
            SELECT a.id, {score} AS score, COUNT(*) OVER () AS total
            FROM articles_searchdocument d
            JOIN articles_article a ON a.id = d.article_id
            WHERE {visible_sql} AND ({where})
            ORDER BY score DESC, a.published_at DESC, a.id DESC
            LIMIT %s OFFSET %s
        """
        params = score_params + visible_params + where_params + [limit, offset]
        return self.fetch(sql, params)

    def count(self, terms, filters, *, require_all=True):
        matches = [self.term_match(t) for t in terms]
        joiner = " AND " if require_all else " OR "
        where = joiner.join(f"({s})" for s, _ in matches)
        visible_sql, visible_params = self._visible(filters)
        sql = f"""
            SELECT COUNT(*) FROM articles_searchdocument d
            JOIN articles_article a ON a.id = d.article_id
            WHERE {visible_sql} AND ({where})
        """
        params = visible_params + [p for _, ps in matches for p in ps]
        return self.fetch(sql, params)[0][0]

    def related(self, *, article_id, agency_id, terms, limit, recent=20):
        """Ids of published articles sharing the most words with this one, the
        same agency counting as one more shared word, newest first on ties;
        the agency's recent news fill the rest."""
        visible_sql, visible_params = self._visible(Filters())
        words = [self.word_match(t) for t in terms]
        if words:
            shared_sql, shared_params = self._sum(words)
            any_sql = " OR ".join(f"({s})" for s, _ in words)
            any_params = [p for _, ps in words for p in ps]
        else:
            shared_sql, shared_params, any_sql, any_params = "0", [], "1 = 0", []
        sql = f"""
            SELECT a.id FROM articles_article a
            LEFT JOIN articles_searchdocument d ON d.article_id = a.id
            WHERE {visible_sql} AND a.id <> %s AND (
                a.id IN (SELECT d.article_id FROM articles_searchdocument d
                         WHERE {any_sql})
                OR a.id IN (SELECT b.id FROM articles_article b
                            WHERE b.agency_id = %s AND b.status = %s
                            AND b.published_at <= %s AND b.id <> %s
                            ORDER BY b.published_at DESC, b.id DESC LIMIT %s)
            )
            ORDER BY ({shared_sql})
                + (CASE WHEN a.agency_id = %s THEN 1 ELSE 0 END) DESC,
                a.published_at DESC, a.id DESC
            LIMIT %s
        """
        params = (
            visible_params
            + [article_id]
            + any_params
            + [agency_id, visible_params[0], visible_params[1], article_id, recent]
            + shared_params
            + [agency_id, limit]
        )
        rows = self.fetch(sql, params, timeout_ms=RELATED_TIMEOUT_MS)
        return [row[0] for row in rows]
