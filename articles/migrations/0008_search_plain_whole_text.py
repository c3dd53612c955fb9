# The substring index (`plain`) held the article's distinct words; it now holds
# the article's whole compact text (articles.search.indexing.plain_of). The
# rows already indexed get the new text here (and `head`, its title and lead
# lines, which the score reads); their words stay as they are.

from django.db import migrations, models

BATCH = 500


def rewrite_plain(apps, schema_editor):
    from articles import thai
    from articles.search.indexing import extra_text, head_of, plain_of
    from articles.search.text import plain_text

    SearchDocument = apps.get_model("articles", "SearchDocument")
    Article = apps.get_model("articles", "Article")
    articles = Article.objects.select_related("agency", "author").order_by("pk")
    last = 0
    while batch := list(articles.filter(pk__gt=last)[:BATCH]):
        last = batch[-1].pk
        for article in batch:
            author = article.author if article.author_id else None
            texts = {
                "title": article.title,
                "lead": plain_text(article.lead),
                "extra": extra_text(article.agency, author, article.editor_name),
                "body": plain_text(article.body),
            }
            plain = plain_of(**{k: thai.normalize(v) for k, v in texts.items()})
            SearchDocument.objects.filter(article_id=article.pk).update(
                plain=plain, head=head_of(plain)
            )


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0007_topics_featured_notice"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchdocument",
            name="head",
            field=models.TextField(blank=True, null=True),
        ),
        migrations.RunPython(rewrite_plain, migrations.RunPython.noop, elidable=True),
    ]
