from django.conf import settings
from django.db import models
from django.utils import timezone

from articles.models.articles import Article


class ArticleRevision(models.Model):
    """What an article said after one save: its text, byline and photos, with
    who saved it and when. Revisions are never changed or deleted; restoring
    an old one saves its content again as a new revision."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="revisions"
    )
    number = models.PositiveIntegerField("ฉบับที่")
    title = models.CharField("หัวข้อข่าว", max_length=500)
    lead = models.TextField("ความนำ", blank=True)
    body = models.TextField("เนื้อข่าว", blank=True)
    byline = models.CharField("ข่าวโดย", max_length=200, blank=True)
    # The ids of the photos attached to the article at that save.
    photos = models.JSONField("ภาพ", default=list, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="ผู้บันทึก",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="article_revisions",
    )
    at = models.DateTimeField("บันทึกเมื่อ", default=timezone.now)
    note = models.CharField("หมายเหตุ", max_length=300, blank=True)

    class Meta:
        ordering = ["-number"]
        verbose_name = "ฉบับของข่าว"
        verbose_name_plural = "ฉบับของข่าว"
        constraints = [
            models.UniqueConstraint(
                fields=["article", "number"], name="revision_number_per_article"
            )
        ]

    def __str__(self):
        return f"{self.article_id} #{self.number}"


class ArticleCorrection(models.Model):
    """A correction of fact to a published article, with the note the public
    page shows under its date line (newest first)."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="corrections"
    )
    note = models.CharField("หมายเหตุการแก้ไข", max_length=500)
    at = models.DateTimeField("แก้ไขเมื่อ", default=timezone.now)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="ผู้แก้ไข",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="article_corrections",
    )

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = "การแก้ไขข้อเท็จจริง"
        verbose_name_plural = "การแก้ไขข้อเท็จจริง"

    def __str__(self):
        return f"{self.article_id} {self.note[:40]}"
