"""Create the agencies of PR Region 3: reference data the importer matches against."""

from django.db import migrations


def create_agencies(apps, schema_editor):
    from articles.agencies_data import region3_agencies

    Agency = apps.get_model("articles", "Agency")
    for row in region3_agencies():
        slug = row.pop("slug")
        Agency.objects.update_or_create(slug=slug, defaults=row)


class Migration(migrations.Migration):
    dependencies = [("articles", "0001_initial")]

    operations = [migrations.RunPython(create_agencies, migrations.RunPython.noop)]
