from django.conf import settings
from django.db import models
from django.urls import reverse

from articles.models.articles import Article


class Document(models.Model):
    """A PDF attached to an article (ประกาศ, กำหนดการ), listed under it.

    The file is stored under a random name and reached only through the
    download view (articles/views/documents.py), which checks that the article
    is public; its title names the downloaded file."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField("ชื่อเอกสาร", max_length=200)
    file = models.FileField("ไฟล์ PDF", upload_to="documents/%Y/%m/")
    size = models.PositiveIntegerField("ขนาด (ไบต์)", default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = "เอกสารแนบ"
        verbose_name_plural = "เอกสารแนบ"

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(
            "articles:document", kwargs={"article_pk": self.article_id, "pk": self.pk}
        )

    @property
    def size_display(self):
        """The size as the list shows it: "PDF 350 KB", "PDF 1.2 MB"."""
        if self.size < 1024 * 1024:
            return f"PDF {max(1, round(self.size / 1024))} KB"
        return f"PDF {self.size / (1024 * 1024):.1f} MB"
