"""When a cached page stops being current: the page generation, in the database.

Every cached page's key carries the generation (keys.py). A service that
changes what public pages show calls pages_invalidate() inside its transaction:
the generation row moves on with the change, atomically, so a page rendered from
the new rows is always stored under the new generation, and one rendered from
the old rows under an old one nobody asks for again. Redis holds only copies:
flushing it, evicting from it or restoring an old snapshot of it can lose pages
but never bring back one the database has moved past.

Each thread reads the row at most once every settings.PAGE_GENERATION_SECONDS:
with Redis, once a second (another worker may answer the page as it was for up
to a second after a change; the worker that made the change forgets its copy at
once); without Redis, on one host, at every request (one indexed SELECT), so
every worker's next request shows the change.

The article pages' stored parts (articles/article_parts/) are kept in the
database across generations: a new article, a draft's change, a list's change
leave them current. They follow a second number, the article epoch (row 2),
which pages_invalidate() moves on too unless the caller says the change shows
on no published article's page (article_pages=False: a draft saved, an
article published for the first time; its own page follows its updated_at).

Who calls it: articles/services/articles.py (create, update, publish,
schedule, unpublish), articles/services/photos.py, the legacy importer. The
signals below are a safety net for writes that bypass the services (the admin,
the shell): a save there moves the generation too.
"""

import threading
import time

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.db.models import F

from articles.models import PageGeneration

_ROW = 1
ARTICLE_EPOCH_ROW = 2
_known = threading.local()  # per thread: a thread's own transaction may differ


def current_numbers():
    """(page generation, article epoch), read from the database in one query
    at most once every PAGE_GENERATION_SECONDS."""
    value, read_at = getattr(_known, "value", None), getattr(_known, "at", 0.0)
    now = time.monotonic()
    if value is None or now - read_at >= settings.PAGE_GENERATION_SECONDS:
        rows = dict(
            PageGeneration.objects.filter(pk__in=(_ROW, ARTICLE_EPOCH_ROW)).values_list(
                "pk", "value"
            )
        )
        value = (rows.get(_ROW, 1), rows.get(ARTICLE_EPOCH_ROW, 1))
        _known.value, _known.at = value, now
    return value


def current_generation():
    """The page generation (current_numbers())."""
    return current_numbers()[0]


def forget_generation():
    """Read the row again on next use (this thread only)."""
    _known.value = None


def _move_on(row):
    if not PageGeneration.objects.filter(pk=row).update(value=F("value") + 1):
        PageGeneration.objects.get_or_create(pk=row, defaults={"value": 2})


def pages_invalidate(*, article_pages=True):
    """Move every cached page on, in the caller's transaction (call it inside
    transaction.atomic, next to the write); with article_pages, the stored
    parts of every article page too (an agency renamed, a photo or an
    article's title changed that other articles' related news show)."""
    _move_on(_ROW)
    if article_pages:
        _move_on(ARTICLE_EPOCH_ROW)
    forget_generation()
    transaction.on_commit(forget_generation)


def changed_outside_the_services(sender, raw=False, **kwargs):
    """post_save/post_delete safety net (articles/apps.py): the admin and the
    shell save models directly."""
    if not raw:
        pages_invalidate()


def article_saved_outside_the_services(
    sender, instance, raw=False, created=None, **kwargs
):
    """The safety net for articles: every save moves the lists on. A new
    article that is not public shows on no other article's page; any other
    save or a delete (the shell; the admin's change form goes through the
    services) may change other articles' related news: the epoch moves too."""
    if not raw:
        pages_invalidate(article_pages=not created or instance.is_public)


# What Article.editor_display prints of the approving editor.
NAME_FIELDS = {"first_name", "last_name", "username"}


def person_saved_outside_the_services(
    sender, instance, raw=False, update_fields=None, **kwargs
):
    """The safety net for users: an approving editor's name is printed on the
    articles that give none of their own. A login (update_fields last_login)
    or a user who approved nothing leaves every page current."""
    from articles.models import Article

    if raw or (update_fields is not None and not NAME_FIELDS & set(update_fields)):
        return
    if Article.objects.filter(editor=instance, editor_name="").exists():
        pages_invalidate()


def attachment_saved_outside_the_services(sender, instance, raw=False, **kwargs):
    """The safety net for photos and documents: a draft's do not show on any
    published page, so they leave the stored article parts current."""
    if raw:
        return
    try:
        article = instance.article
    except ObjectDoesNotExist:  # deleted with its article
        article = None
    pages_invalidate(article_pages=article is None or article.is_public)
