"""List pages whose page count does not cost a COUNT(*) on every render.

"หน้า 1 จาก N" needs the number of published articles, and counting 100,000
rows costs more than the rest of the page. The count is cached under the content
generation, so a publish or unpublish moves it at once; only a scheduled article
falling due (which saves nothing) shows in it up to 70 s late (a minute in the
cache, ten seconds more in a process's memory).
"""

from django.core.cache import cache
from django.core.paginator import Paginator
from django.utils.functional import cached_property

from articles.fragments import remember

COUNT_SECONDS = 60
MEMORY_SECONDS = 10


class CachedCountPaginator(Paginator):
    def __init__(self, object_list, per_page, *, count_key, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.count_key = count_key

    @cached_property
    def count(self):
        # The query's own count(), as Paginator.count makes it for a QuerySet;
        # kept in this process for a few seconds too (no cache without Redis).
        return remember(
            ("count", self.count_key),
            MEMORY_SECONDS,
            lambda: cache.get_or_set(
                self.count_key, lambda: self.object_list.count(), COUNT_SECONDS
            ),
        )
