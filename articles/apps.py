from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "ข่าว"

    def ready(self):
        # The search index follows every save, wherever it comes from: the desk,
        # the importer, seed_demo, the admin. Imported here: models are ready.
        from articles.models import (
            Agency,
            Article,
            ArticleEvent,
            Author,
            Notice,
            Photo,
            Topic,
        )
        from articles.search import generation
        from articles.search.dictionary import agency_saved
        from articles.search.indexing import article_saved, event_recorded

        post_save.connect(article_saved, sender=Article, dispatch_uid="search-index")
        post_save.connect(agency_saved, sender=Agency, dispatch_uid="search-words")
        post_save.connect(
            event_recorded, sender=ArticleEvent, dispatch_uid="search-events"
        )
        # Cached pages and lists follow every change of what they show.
        for model in (Article, Agency, Author, Photo, Topic, Notice):
            name = model._meta.model_name
            post_save.connect(generation.bump, sender=model, dispatch_uid=f"gen-{name}")
            post_delete.connect(
                generation.bump, sender=model, dispatch_uid=f"gen-del-{name}"
            )
