from django.db import models

from articles.models.articles import Article


class RelatedNews(models.Model):
    """An article's related news, computed when it is published or edited
    (articles/services/related.py). The page shows those of `ids` still public,
    in this order: the list is read with the article, then one query."""

    article = models.OneToOneField(
        Article, on_delete=models.CASCADE, primary_key=True, related_name="related_news"
    )
    ids = models.JSONField("รหัสข่าวที่เกี่ยวข้อง", default=list)
    computed_at = models.DateTimeField("คำนวณเมื่อ", auto_now=True)

    class Meta:
        verbose_name = "ข่าวที่เกี่ยวข้อง"
        verbose_name_plural = "ข่าวที่เกี่ยวข้อง"

    def __str__(self):
        return f"{self.article_id}: {self.ids}"
