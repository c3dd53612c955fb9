"""What the article page prints around its per-request holes."""

from urllib.parse import quote

from django.utils.safestring import mark_safe


class Parts:
    """What the article page prints around the per-request holes."""

    __slots__ = (
        "mark",
        "meta",
        "before_reads",
        "after_reads",
        "unpublish_at",
        "reads_total",
    )

    def __init__(
        self, *, mark, meta, before_reads, after_reads, unpublish_at, reads_total=None
    ):
        self.mark, self.meta = mark, meta
        self.before_reads, self.after_reads = before_reads, after_reads
        self.unpublish_at = unpublish_at
        # Not part of the stored parts: the article's counter in the database,
        # read by the same query when the stored parts serve (None otherwise),
        # so that counting this read need not ask for it again.
        self.reads_total = reads_total

    def for_origin(self, origin):
        """(meta, before, after) as safe HTML with `origin` (scheme://host)
        in place of the marker: raw in attributes and JSON, encoded in the
        share links' ?url=."""
        encoded = quote(origin, safe="")

        def placed(text):
            text = text.replace(self.mark + "%2F", encoded + "%2F")
            return mark_safe(text.replace(self.mark, origin))

        return placed(self.meta), placed(self.before_reads), placed(self.after_reads)
