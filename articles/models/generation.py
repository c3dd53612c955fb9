from django.db import models


class PageGeneration(models.Model):
    """One row: the number every cached page's key carries. Every change to what
    the public pages show moves it on in the change's own transaction
    (articles/pagecache/invalidation.py). It lives here, not in Redis, so that
    no flush, eviction or restore of Redis can bring an old page back."""

    value = models.PositiveBigIntegerField(default=1)

    class Meta:
        verbose_name = "รุ่นของหน้าเว็บที่แคชไว้"
        verbose_name_plural = "รุ่นของหน้าเว็บที่แคชไว้"

    def __str__(self):
        return str(self.value)
