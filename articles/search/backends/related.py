"""Related news in SQL: the article's neighbours in time and its agency's latest,
ranked by the words they share with it. Both databases run the same query."""

from articles.search.backends.sql import Filters, sum_flags

# This many articles published before the article are looked at, as many after
# it, and the agency's latest; past the timeout the page shows the agency's
# latest instead of waiting (articles/search/related.py).
AROUND = 100
TIMEOUT_MS = 250


def related_ids(backend, *, article_id, agency_id, terms, limit):
    """Ids of published articles sharing the most of `terms` with this one in
    their title or lead, the same agency counting as one more shared term,
    newest first on ties; the agency's latest fill the rest.

    Only neighbours are looked at: the AROUND articles published just before
    this one and just after it, and the agency's latest, which keeps the query
    to a few index steps and short columns."""
    visible_sql, visible_params = backend.visible(Filters(), alias="b")
    words = [("n.words LIKE %s", [f"% {t} %"]) for t in terms]
    shared_sql, shared_params = sum_flags(words)
    mine = "(SELECT published_at FROM articles_article WHERE id = %s)"
    sides = [
        f"b.published_at <= {mine} ORDER BY b.published_at DESC, b.id DESC",
        f"b.published_at > {mine} ORDER BY b.published_at, b.id",
        "b.agency_id = %s ORDER BY b.published_at DESC, b.id DESC",
    ]
    near = " UNION ".join(
        f"SELECT id FROM (SELECT b.id FROM articles_article b "
        f"WHERE {visible_sql} AND {side} LIMIT %s) n{i}"
        for i, side in enumerate(sides)
    )
    near_params = []
    for value, count in (
        (article_id, AROUND),
        (article_id, AROUND),
        (agency_id, limit),
    ):
        near_params += visible_params + [value, count]
    score = f"({shared_sql}) + (CASE WHEN n.agency_id = %s THEN 1 ELSE 0 END)"
    # MATERIALIZED: the title and lead are joined once per row, not per term.
    sql = f"""
        WITH n AS MATERIALIZED (
            SELECT a.id, a.agency_id, a.published_at,
                ' ' || d.title || ' ' || d.lead || ' ' AS words
            FROM ({near}) c
            JOIN articles_article a ON a.id = c.id
            LEFT JOIN articles_searchdocument d ON d.article_id = a.id
            WHERE a.id <> %s
        )
        SELECT n.id, {score} AS score FROM n
        ORDER BY score DESC, n.published_at DESC, n.id DESC
        LIMIT %s
    """
    params = near_params + [article_id] + shared_params + [agency_id, limit]
    rows = backend.fetch(sql, params, timeout_ms=TIMEOUT_MS)
    return [pk for pk, score in rows if score > 0]
