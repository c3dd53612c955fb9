"""An article's video: the address the editor pasted, checked and stored."""

from django.db import transaction
from django.utils import timezone

from accounts.permissions import require_change
from articles.models import Article, ArticleEvent
from articles.pagecache.invalidation import pages_invalidate
from articles.video import video_parse


@transaction.atomic
def article_video_set(*, article, user, address):
    """Store the video `address` points to on `article` ("" removes it) and
    return the article.

    A bad address raises ValidationError (Thai) and leaves the stored one as it
    was. Only this column is written: the article's text and its version (the
    desk form's edit lock) stay as another tab may be editing them."""
    require_change(user, article)
    address = (address or "").strip()
    stored = video_parse(address).link_url if address else ""
    if stored != article.video_url:
        now = timezone.now()
        Article.objects.filter(pk=article.pk).update(video_url=stored, updated_at=now)
        article.video_url, article.updated_at = stored, now
        ArticleEvent.objects.create(
            article=article,
            user=user,
            action=ArticleEvent.Action.EDITED,
            detail=f"วิดีโอ: {stored}" if stored else "นำวิดีโอออก",
        )
        # The article's public page embeds the video: it follows updated_at.
        pages_invalidate(article_pages=False)
    return article
