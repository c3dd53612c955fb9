"""The search index: one row per article, its text segmented into words.

The portable columns are written by articles/search; each database derives its
own index from them in the migration (articles/migrations/0003_searchdocument):
PostgreSQL a weighted tsvector column with a GIN index and a pg_trgm index over
`plain`; SQLite FTS5 tables kept in step by triggers.
"""

from django.db import models

from articles.models.articles import Article

__all__ = ["SearchDocument"]


class SearchDocument(models.Model):
    article = models.OneToOneField(
        Article,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_document",
    )
    # Words separated by single spaces, each only letters, digits and marks.
    title = models.TextField(blank=True)
    lead = models.TextField(blank=True)
    extra = models.TextField(blank=True, help_text="agency names and byline")
    body = models.TextField(blank=True)
    # Normalised, lower-cased, unsegmented text, for substring matches.
    plain = models.TextField(blank=True)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "ดัชนีค้นหา"
        verbose_name_plural = "ดัชนีค้นหา"

    def __str__(self):
        return f"search document of {self.article_id}"
