"""A new database's page generation starts at the clock (milliseconds), not at 1:
a cache kept across a database reset (the pages directory, a Redis that keeps
its data) holds pages of the old database under small generation numbers, and
the new one must never meet them."""

import time

from django.db import migrations
from django.db.models import F, Value
from django.db.models.functions import Greatest


def start_at_the_clock(apps, schema_editor):
    PageGeneration = apps.get_model("articles", "PageGeneration")
    now = int(time.time() * 1000)
    if not PageGeneration.objects.filter(pk=1).update(
        value=Greatest(F("value"), Value(now))
    ):
        PageGeneration.objects.create(pk=1, value=now)


class Migration(migrations.Migration):
    dependencies = [("articles", "0017_article_corrections")]

    operations = [migrations.RunPython(start_at_the_clock, migrations.RunPython.noop)]
