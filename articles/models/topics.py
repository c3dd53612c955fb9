from django.db import models
from django.urls import reverse
from django.utils import timezone


class Topic(models.Model):
    """A subject that cuts across agencies (การเกษตร, ภัยพิบัติ …), set in the admin."""

    slug = models.SlugField("ชื่อในที่อยู่เว็บ", max_length=60, unique=True)
    name = models.CharField("ชื่อหัวข้อ", max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "หัวข้อข่าว"
        verbose_name_plural = "หัวข้อข่าว"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:topic", kwargs={"slug": self.slug})


class NoticeQuerySet(models.QuerySet):
    def current(self, now=None):
        now = now or timezone.now()
        return self.filter(expires_at__gt=now).order_by("-created_at", "-id")


class Notice(models.Model):
    """ข่าวด่วน: one short line pinned above every page until it expires."""

    text = models.CharField("ข้อความ", max_length=200)
    link = models.CharField(
        "ลิงก์", max_length=300, blank=True, help_text="เช่น /news/123/ (ไม่บังคับ)"
    )
    expires_at = models.DateTimeField("แสดงถึง")
    created_at = models.DateTimeField("สร้างเมื่อ", auto_now_add=True)

    objects = NoticeQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "ประกาศด่วน"
        verbose_name_plural = "ประกาศด่วน"

    def __str__(self):
        return self.text
