"""User.agencies becomes a membership with a role; every existing member keeps
their agencies and becomes an editor (before roles, every member published)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def copy_members(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    Membership = apps.get_model("accounts", "Membership")
    Through = User.agencies.through
    Membership.objects.bulk_create(
        Membership(user_id=row.user_id, agency_id=row.agency_id, role="editor")
        for row in Through.objects.all()
    )


def copy_members_back(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    Membership = apps.get_model("accounts", "Membership")
    Through = User.agencies.through
    Through.objects.bulk_create(
        Through(user_id=m.user_id, agency_id=m.agency_id)
        for m in Membership.objects.all()
    )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_initial"),
        ("articles", "0006_article_newest_first_index"),
    ]

    operations = [
        migrations.CreateModel(
            name="Membership",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                (
                    "role",
                    models.CharField(
                        choices=[("reporter", "ผู้สื่อข่าว"), ("editor", "บรรณาธิการ")],
                        default="editor",
                        max_length=20,
                        verbose_name="บทบาท",
                    ),
                ),
                (
                    "agency",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="memberships",
                        to="articles.agency",
                        verbose_name="หน่วยงาน",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="memberships",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="ผู้ใช้",
                    ),
                ),
            ],
            options={
                "verbose_name": "สมาชิกของหน่วยงาน",
                "verbose_name_plural": "สมาชิกของหน่วยงาน",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("user", "agency"), name="membership_one_per_agency"
                    )
                ],
            },
        ),
        migrations.RunPython(copy_members, copy_members_back),
        migrations.RemoveField(model_name="user", name="agencies"),
        migrations.AddField(
            model_name="user",
            name="agencies",
            field=models.ManyToManyField(
                blank=True,
                related_name="members",
                through="accounts.Membership",
                to="articles.agency",
                verbose_name="หน่วยงาน",
            ),
        ),
    ]
