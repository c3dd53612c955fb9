from django.conf import settings
from django.db import models

from articles.models.agencies import Agency
from articles.models.articles import Article


class Photo(models.Model):
    """An uploaded photo of an article: the cleaned original, its renditions
    and what the reader is told about it (alt text, caption, credit)."""

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
    # Blank only for photos stored before it was asked for: the desk requires
    # it, and publishing refuses a shown photo without it.
    alt = models.CharField("คำอธิบายภาพ", max_length=300, blank=True)
    caption = models.CharField("คำบรรยายภาพ", max_length=500, blank=True)
    credit = models.CharField("ผู้ถ่ายภาพ", max_length=200, blank=True)
    position = models.PositiveIntegerField("ลำดับ", default=0)
    # Made once at upload: [{"width", "height", "jpeg", "webp"}, ...], narrowest
    # first, each a storage name; pages only build their URLs.
    renditions = models.JSONField("ขนาดย่อ", default=list, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="photos",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = "ภาพข่าว"
        verbose_name_plural = "ภาพข่าว"

    def __str__(self):
        return self.image.name

    def _srcset(self, kind):
        url = self.image.storage.url
        return ", ".join(
            f"{url(size[kind])} {size['width']}w" for size in self.renditions
        )

    @property
    def srcset_webp(self):
        return self._srcset("webp")

    @property
    def srcset_jpeg(self):
        return self._srcset("jpeg")

    @property
    def fallback(self):
        """The rendition an old browser gets: the one nearest 800 px wide, or
        the display picture of a photo stored before renditions were made."""
        if not self.renditions:
            return {"url": self.display.url, "width": self.width, "height": self.height}
        size = min(self.renditions, key=lambda size: abs(size["width"] - 800))
        return {
            "url": self.image.storage.url(size["jpeg"]),
            "width": size["width"],
            "height": size["height"],
        }

    @property
    def credit_line(self):
        return f"ภาพ: {self.credit}" if self.credit else ""
