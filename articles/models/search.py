"""The search index's tables (filled in by the search back ends)."""

__all__: list[str] = []
