from django.db import models
from django.urls import reverse

from articles.sanitize import clean_html


class Page(models.Model):
    """One of the office's own pages (privacy policy, cookies, contact…),
    written by admins, at /pages/<slug>/."""

    slug = models.SlugField("ชื่อในที่อยู่เว็บ", max_length=60, unique=True)
    title = models.CharField("ชื่อหน้า", max_length=200)
    body = models.TextField("เนื้อหา", blank=True)
    updated_at = models.DateTimeField("แก้ไขเมื่อ", auto_now=True)

    class Meta:
        ordering = ["title"]
        verbose_name = "หน้าของสำนักงาน"
        verbose_name_plural = "หน้าของสำนักงาน"

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("articles:page", kwargs={"slug": self.slug})

    def save(self, *args, **kwargs):
        # Whatever door the body came in by (the admin, seed_demo), only the
        # sanitiser's allow-list is stored, as for articles.
        self.body = clean_html(self.body)
        super().save(*args, **kwargs)
