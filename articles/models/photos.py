from django.conf import settings
from django.db import models

from articles.models.agencies import Agency
from articles.models.articles import Article


class Photo(models.Model):
    """An uploaded photo: the cleaned original and its renditions."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="photos")
    article = models.ForeignKey(
        Article,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="photos",
    )
    image = models.ImageField("ภาพ", upload_to="photos/%Y/%m/")
    display = models.ImageField("ภาพสำหรับหน้าข่าว", upload_to="photos/%Y/%m/", blank=True)
    share = models.ImageField("ภาพสำหรับแชร์", upload_to="photos/%Y/%m/", blank=True)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    alt = models.CharField("คำอธิบายภาพ", max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="photos",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "ภาพข่าว"
        verbose_name_plural = "ภาพข่าว"

    def __str__(self):
        return self.image.name
