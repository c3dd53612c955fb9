"""The news: agencies, authors, articles, read counts, photos, documents, history,
revisions, search."""

from articles.models.agencies import Agency, Author
from articles.models.articles import Article, ArticleQuerySet
from articles.models.documents import Document
from articles.models.generation import PageGeneration
from articles.models.history import ArticleEvent
from articles.models.most_read import MostRead, MostReadState
from articles.models.pages import Page
from articles.models.photos import Photo
from articles.models.reads import DailyRead, ReadFlush, ReadTotal
from articles.models.related import RelatedNews
from articles.models.renders import ArticleRender
from articles.models.revisions import ArticleCorrection, ArticleRevision
from articles.models.search import *  # noqa: F403
from articles.models.topics import Notice, Topic

__all__ = [
    "Agency",
    "Article",
    "ArticleCorrection",
    "ArticleEvent",
    "ArticleQuerySet",
    "ArticleRender",
    "ArticleRevision",
    "Author",
    "DailyRead",
    "Document",
    "MostRead",
    "MostReadState",
    "Notice",
    "Page",
    "PageGeneration",
    "Photo",
    "ReadFlush",
    "ReadTotal",
    "RelatedNews",
    "Topic",
]
