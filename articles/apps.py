from django.apps import AppConfig
from django.contrib.auth import get_user_model
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
            Document,
            Notice,
            Photo,
            Topic,
        )
        from articles.pagecache.invalidation import (
            article_saved_outside_the_services,
            attachment_saved_outside_the_services,
            changed_outside_the_services,
            person_saved_outside_the_services,
        )
        from articles.search.dictionary import agency_saved
        from articles.search.indexing import article_saved, event_recorded

        post_save.connect(article_saved, sender=Article, dispatch_uid="search-index")
        post_save.connect(agency_saved, sender=Agency, dispatch_uid="search-words")
        post_save.connect(
            event_recorded, sender=ArticleEvent, dispatch_uid="search-events"
        )
        # The services invalidate cached pages themselves; this safety net
        # catches saves that bypass them (the admin, the shell), at the cost of
        # a second bump of the generation when a service saves a model. Topics
        # and notices are managed in the admin only.
        handlers = {
            Article: article_saved_outside_the_services,
            Photo: attachment_saved_outside_the_services,
            Document: attachment_saved_outside_the_services,
        }
        post_save.connect(
            person_saved_outside_the_services,
            sender=get_user_model(),
            dispatch_uid="pages-save-user",
        )
        for model in (Article, Agency, Author, Photo, Document, Topic, Notice):
            name = model._meta.model_name
            for signal, kind in ((post_save, "save"), (post_delete, "delete")):
                signal.connect(
                    handlers.get(model, changed_outside_the_services),
                    sender=model,
                    dispatch_uid=f"pages-{kind}-{name}",
                )
