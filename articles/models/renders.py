from django.db import models

from articles.models.articles import Article


class ArticleRender(models.Model):
    """An article page's own parts, rendered once per change and kept here so
    that an article nobody has asked for since the last change costs one query
    (articles/article_parts/). Only a copy: it is used while `stamp` (the
    article's updated_at), `epoch` (PageGeneration row 2) and `build` (the
    templates' fingerprint) are still current, and drawn again otherwise."""

    article = models.OneToOneField(
        Article, on_delete=models.CASCADE, primary_key=True, related_name="render"
    )
    stamp = models.DateTimeField("แก้ไขข่าวเมื่อ")
    epoch = models.PositiveBigIntegerField("รุ่นของหน้าข่าว")
    build = models.CharField("รุ่นของแม่แบบ", max_length=16)
    # Drawn per render, printed in place of the site's origin in absolute
    # addresses: the page puts the request's origin there.
    mark = models.CharField(max_length=32)
    # <head>'s title, description, canonical, Open Graph, feed link and JSON-LD;
    # the page's content before and after the read count.
    meta = models.TextField()
    before_reads = models.TextField()
    after_reads = models.TextField()
    rendered_at = models.DateTimeField("แสดงผลเมื่อ", auto_now=True)

    class Meta:
        verbose_name = "หน้าข่าวที่แสดงผลไว้"
        verbose_name_plural = "หน้าข่าวที่แสดงผลไว้"

    def __str__(self):
        return f"{self.article_id} ({self.epoch})"
