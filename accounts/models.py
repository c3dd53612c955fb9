from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models


class User(AbstractUser):
    """An editor or admin. Editors publish for the agencies they belong to."""

    agencies = models.ManyToManyField(
        "articles.Agency",
        verbose_name="หน่วยงาน",
        blank=True,
        related_name="editors",
    )

    objects = UserManager()

    class Meta:
        verbose_name = "ผู้ใช้"
        verbose_name_plural = "ผู้ใช้"

    def can_edit_agency(self, agency_id):
        if self.is_superuser:
            return True
        return self.agencies.filter(pk=agency_id).exists()
