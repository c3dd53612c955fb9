# Search and related news read the newest articles in the order they show them:
# published_at, then id, both descending. The (status, published_at) index
# leaves a sort on id and a table read per row; this one answers from the index.
# Raw SQL, like the search indexes of 0003: the model's indexes stay as they are.

from django.db import migrations

INDEX = "article_status_pub_id_idx"


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0005_search_tsvector_literal'),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX {INDEX} ON articles_article "
            "(status, published_at DESC, id DESC)",
            f"DROP INDEX IF EXISTS {INDEX}",
        ),
    ]
