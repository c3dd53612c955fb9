"""Creating and changing articles."""

from django.db import transaction

from articles.models import Article, ArticleEvent
from articles.services.reads import read_total_ensure


@transaction.atomic
def article_create(*, user=None, reads=0, event=ArticleEvent.Action.CREATED, **fields):
    """Create an article with its read counter (starting at `reads`) and history."""
    article = Article.objects.create(**fields)
    read_total_ensure(article_id=article.pk, start=reads)
    ArticleEvent.objects.create(article=article, user=user, action=event)
    return article
