# The list pages' counts and the home page's lead, answered from indexes
# (EXPLAIN at 100,000 articles: bench/RESULTS.md, 2026-12-02):
# - the newest-first index also carries unpublish_at, so counting the published
#   articles is an index-only scan instead of reading every row;
# - an agency's (or a province's agencies') list and count get the same;
# - the featured lead, when no article is featured, no longer reads the table.
# Raw SQL, like 0006: the model's indexes stay as they are. SQLite has no
# INCLUDE: there the indexes are made without it.

from django.db import migrations

OLD_NEWEST = "CREATE INDEX article_status_pub_id_idx ON articles_article (status, published_at DESC, id DESC)"
INDEXES = {
    "article_status_pub_id_idx": "(status, published_at DESC, id DESC)",
    "article_agency_pub_id_idx": "(agency_id, status, published_at DESC, id DESC)",
}
FEATURED = (
    "CREATE INDEX article_featured_pub_idx ON articles_article "
    "(published_at DESC, id DESC) WHERE is_featured AND status = 'published'"
)


def create(apps, schema_editor):
    include = (
        " INCLUDE (unpublish_at)"
        if schema_editor.connection.vendor == "postgresql"
        else ""
    )
    schema_editor.execute("DROP INDEX IF EXISTS article_status_pub_id_idx")
    for name, columns in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX {name} ON articles_article {columns}{include}"
        )
    schema_editor.execute(FEATURED)


def drop(apps, schema_editor):
    for name in (*INDEXES, "article_featured_pub_idx"):
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
    schema_editor.execute(OLD_NEWEST)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0021_cold_most_read_related"),
    ]

    operations = [migrations.RunPython(create, drop)]
