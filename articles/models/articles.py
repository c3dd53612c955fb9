from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags

from articles.models.agencies import Agency, Author
from articles.sanitize import clean_html
from articles.video import video_of


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """Public: published and due, and not past its end. A future time is a
        schedule; a past `unpublish_at` ends it, with no job to run."""
        now = timezone.now()
        return self.filter(
            models.Q(unpublish_at__isnull=True) | models.Q(unpublish_at__gt=now),
            status=Article.Status.PUBLISHED,
            published_at__lte=now,
        )

    def for_listing(self):
        """What a list page needs, in one query: agency, read total and lead photo
        joined."""
        return (
            self.published()
            .select_related("agency", "reads", "lead_photo")
            .defer("body", "agency__address", "agency__phone", "agency__fax")
            .order_by("-published_at", "-id")
        )

    def for_agencies(self, agencies):
        return self.filter(agency__in=agencies)


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "ฉบับร่าง"
        SUBMITTED = "submitted", "รอตรวจ"
        RETURNED = "returned", "ส่งกลับแก้ไข"
        PUBLISHED = "published", "เผยแพร่"
        UNPUBLISHED = "unpublished", "ยกเลิกการเผยแพร่"

    title = models.CharField("หัวข้อข่าว", max_length=500)
    lead = models.TextField("ความนำ", blank=True)
    body = models.TextField("เนื้อข่าว", blank=True)
    agency = models.ForeignKey(
        Agency,
        verbose_name="หน่วยงาน",
        on_delete=models.PROTECT,
        related_name="articles",
    )
    author = models.ForeignKey(
        Author,
        verbose_name="ข่าวโดย",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles",
    )
    editor_name = models.CharField("บรรณาธิการ", max_length=200, blank=True)
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="บรรณาธิการผู้อนุมัติ",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="approved_articles",
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="ผู้สื่อข่าว",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reported_articles",
    )
    status = models.CharField(
        "สถานะ", max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    # The editor's note when they return the article to its reporter.
    review_note = models.TextField("หมายเหตุจากบรรณาธิการ", blank=True)
    published_at = models.DateTimeField("เวลาเผยแพร่", null=True, blank=True)
    unpublish_at = models.DateTimeField(
        "สิ้นสุดการเผยแพร่",
        null=True,
        blank=True,
        help_text="หลังเวลานี้ข่าวจะไม่แสดงต่อสาธารณะเอง (ไม่บังคับ)",
    )
    created_at = models.DateTimeField("สร้างเมื่อ", auto_now_add=True)
    updated_at = models.DateTimeField("แก้ไขเมื่อ", auto_now=True)
    legacy_id = models.CharField(
        "รหัสข่าวเดิม", max_length=20, unique=True, null=True, blank=True
    )
    is_featured = models.BooleanField(
        "ข่าวเด่นหน้าแรก",
        default=False,
        help_text="ข่าวเด่นล่าสุดจะขึ้นเป็นข่าวนำบนหน้าแรก",
    )
    topics = models.ManyToManyField(
        "articles.Topic", verbose_name="หัวข้อข่าว", blank=True, related_name="articles"
    )
    # The photo at the top of the article and on its cards, kept here so a list
    # page joins it in its one query (the services keep it one of the photos).
    lead_photo = models.ForeignKey(
        "articles.Photo",
        verbose_name="ภาพนำ",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # A YouTube or Facebook video's own address, as articles/video.py rebuilt it
    # from the one the editor pasted; embedded after the body.
    video_url = models.CharField("ที่อยู่วิดีโอ", max_length=500, blank=True)
    # Optimistic lock: a save must name the version it was edited from.
    version = models.PositiveIntegerField("รุ่น", default=1)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = "ข่าว"
        verbose_name_plural = "ข่าว"
        indexes = [
            models.Index(
                fields=["status", "-published_at"], name="article_status_pub_idx"
            ),
            models.Index(
                fields=["agency", "status", "-published_at"],
                name="article_agency_pub_idx",
            ),
            # The reads dashboard groups read rows by agency: the join reads
            # this index alone (PostgreSQL), not the wide article rows.
            models.Index(
                fields=["id"], include=["agency"], name="article_agency_cover_idx"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"pk": self.pk})

    def save(self, *args, **kwargs):
        self.body = clean_html(self.body)
        self.lead = clean_html(self.lead)
        super().save(*args, **kwargs)

    @property
    def is_public(self):
        now = timezone.now()
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= now
            and (self.unpublish_at is None or self.unpublish_at > now)
        )

    @property
    def video(self):
        """The embeddable Video (articles/video.py), or None."""
        return video_of(self.video_url)

    @property
    def lead_text(self):
        return strip_tags(self.lead).strip()

    @property
    def shows_lead(self):
        """The legacy pages repeat the headline as the lead; show it once."""
        lead = self.lead_text
        return bool(lead) and " ".join(lead.split()) != " ".join(self.title.split())

    @property
    def editor_display(self):
        """The name after บรรณาธิการ: as printed, else the approving user's name."""
        if self.editor_name:
            return self.editor_name
        if self.editor_id:
            return self.editor.display_name
        return ""

    @property
    def read_count(self):
        try:
            return self.reads.total
        except Article.reads.RelatedObjectDoesNotExist:
            return 0
