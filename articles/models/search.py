"""The search index: one row per article, its text segmented into words.

The columns are written by articles/search. PostgreSQL indexes `document` (a
weighted tsvector) with GIN and `plain` with pg_trgm; SQLite keeps FTS5 tables
in step with the rows by triggers (migrations 0003 and 0005).
"""

from django.db import models

from articles.models.articles import Article

__all__ = ["SearchDocument"]


class TsvectorField(models.TextField):
    """A tsvector on PostgreSQL, written as a tsvector literal built in Python
    (PostgreSQL's own parser is slow on Thai); unused, and left empty, elsewhere."""

    def db_type(self, connection):
        return "tsvector" if connection.vendor == "postgresql" else "text"


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
    # For text matches: the compact text (search.text.search_text) of the
    # title, lead, agency names and byline, and body, one a line.
    plain = models.TextField(blank=True)
    # The first two lines of `plain` (title and lead): what the score reads,
    # small enough to stay in the row, where `plain` is compressed out of line.
    head = models.TextField(null=True, blank=True)
    # PostgreSQL: the words of the four fields, weighted A title, B lead,
    # C agency and byline, D body, with positions (GIN indexed).
    document = TsvectorField(null=True, blank=True, editable=False)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "ดัชนีค้นหา"
        verbose_name_plural = "ดัชนีค้นหา"

    def __str__(self):
        return f"search document of {self.article_id}"
