"""Thai search: one interface, a back end per database (PostgreSQL, SQLite).

search_articles(query, agency=, date_from=, date_to=, page=) -> SearchResults
index_article(article), index_articles(articles), reindex_all()
related_articles(article), most_read(days=1 | 7)
"""

from articles.search.indexing import index_article, index_articles, reindex_all
from articles.search.popular import most_read
from articles.search.related import related_articles
from articles.search.results import SearchResults, search_articles

__all__ = [
    "SearchResults",
    "index_article",
    "index_articles",
    "most_read",
    "reindex_all",
    "related_articles",
    "search_articles",
]
