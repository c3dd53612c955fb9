from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models


class User(AbstractUser):
    """A reporter, an editor or an admin. What a person may do for an agency is
    the role of their membership of it (accounts.permissions says it)."""

    agencies = models.ManyToManyField(
        "articles.Agency",
        verbose_name="หน่วยงาน",
        blank=True,
        through="accounts.Membership",
        related_name="members",
    )

    objects = UserManager()

    class Meta:
        verbose_name = "ผู้ใช้"
        verbose_name_plural = "ผู้ใช้"

    def can_edit_agency(self, agency_id):
        """Any member may write for the agency; editor actions ask for more."""
        if self.is_superuser:
            return True
        return self.memberships.filter(agency_id=agency_id).exists()

    @property
    def display_name(self):
        return self.get_full_name() or self.get_username()


class Membership(models.Model):
    """A person's membership of an agency, with their role in it."""

    class Role(models.TextChoices):
        REPORTER = "reporter", "ผู้สื่อข่าว"
        EDITOR = "editor", "บรรณาธิการ"

    user = models.ForeignKey(
        User, verbose_name="ผู้ใช้", on_delete=models.CASCADE, related_name="memberships"
    )
    agency = models.ForeignKey(
        "articles.Agency",
        verbose_name="หน่วยงาน",
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    # Editor by default: before roles, every member published directly.
    role = models.CharField(
        "บทบาท", max_length=20, choices=Role.choices, default=Role.EDITOR
    )

    class Meta:
        verbose_name = "สมาชิกของหน่วยงาน"
        verbose_name_plural = "สมาชิกของหน่วยงาน"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "agency"], name="membership_one_per_agency"
            )
        ]

    def __str__(self):
        return f"{self.user} · {self.agency} · {self.get_role_display()}"
