from django.conf import settings
from django.db import models
from django.urls import reverse


class Agency(models.Model):
    class Kind(models.TextChoices):
        REGIONAL = "regional", "สำนักประชาสัมพันธ์เขต"
        PROVINCIAL = "provincial", "สำนักงานประชาสัมพันธ์จังหวัด"
        RADIO = "radio", "สถานีวิทยุกระจายเสียงแห่งประเทศไทย"
        TV = "tv", "สถานีวิทยุโทรทัศน์"

    short_name = models.CharField(
        "ชื่อย่อ", max_length=100, unique=True, help_text="เช่น ส.ปชส.พะเยา"
    )
    full_name = models.CharField("ชื่อเต็ม", max_length=200)
    byline_name = models.CharField(
        "ชื่อในบรรทัดข่าว", max_length=100, blank=True, help_text="เช่น ปชส.พะเยา"
    )
    slug = models.SlugField("ชื่อในที่อยู่เว็บ", max_length=60, unique=True)
    kind = models.CharField("ประเภท", max_length=20, choices=Kind.choices)
    province = models.CharField("จังหวัด", max_length=60, blank=True)
    address = models.CharField("ที่อยู่", max_length=300, blank=True)
    phone = models.CharField("โทรศัพท์", max_length=60, blank=True)
    fax = models.CharField("โทรสาร", max_length=60, blank=True)
    is_active = models.BooleanField("ใช้งาน", default=True)

    class Meta:
        ordering = ["kind", "province", "short_name"]
        verbose_name = "หน่วยงาน"
        verbose_name_plural = "หน่วยงาน"

    def __str__(self):
        return self.short_name

    def get_absolute_url(self):
        return reverse("articles:agency", kwargs={"slug": self.slug})


class Author(models.Model):
    """A byline as printed on the page ("ทีมข่าว ปชส.พะเยา")."""

    byline = models.CharField("ข่าวโดย", max_length=200, unique=True)
    agency = models.ForeignKey(
        Agency,
        verbose_name="หน่วยงาน",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="authors",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="ผู้ใช้",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="authors",
    )

    class Meta:
        ordering = ["byline"]
        verbose_name = "ผู้เขียนข่าว"
        verbose_name_plural = "ผู้เขียนข่าว"

    def __str__(self):
        return self.byline
