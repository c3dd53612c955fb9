from django.conf import settings
from django.db import models
from django.utils import timezone

from articles.models.articles import Article


class ArticleEvent(models.Model):
    """Who did what to an article, and when."""

    class Action(models.TextChoices):
        CREATED = "created", "สร้าง"
        EDITED = "edited", "แก้ไข"
        PUBLISHED = "published", "เผยแพร่"
        SCHEDULED = "scheduled", "ตั้งเวลาเผยแพร่"
        UNPUBLISHED = "unpublished", "ยกเลิกการเผยแพร่"
        IMPORTED = "imported", "นำเข้าจากระบบเดิม"
        SUBMITTED = "submitted", "ส่งตรวจ"
        RETURNED = "returned", "ส่งกลับแก้ไข"
        APPROVED = "approved", "อนุมัติ"
        END_SET = "end_set", "ตั้งเวลาสิ้นสุดการเผยแพร่"
        CORRECTED = "corrected", "แก้ไขข้อเท็จจริง"

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="events"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="ผู้ใช้",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="article_events",
    )
    action = models.CharField("การกระทำ", max_length=20, choices=Action.choices)
    at = models.DateTimeField("เวลา", default=timezone.now)
    detail = models.CharField("รายละเอียด", max_length=300, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        # The audit view pages through the history newest first.
        indexes = [models.Index(fields=["-at", "-id"], name="article_event_at_idx")]
        verbose_name = "ประวัติข่าว"
        verbose_name_plural = "ประวัติข่าว"

    def __str__(self):
        return f"{self.article_id} {self.action} {self.at:%Y-%m-%d %H:%M}"
