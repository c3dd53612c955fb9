"""Pieces of SQL and results the back ends share (base.py says how a search runs)."""

from dataclasses import dataclass
from datetime import datetime

from django.db import connection

from articles.models import Article


@dataclass
class Filters:
    agency_id: int | None = None
    start: datetime | None = None  # inclusive
    end: datetime | None = None  # exclusive


def db_datetime(value):
    """An aware datetime as the column stores it: SQLite keeps UTC text without
    an offset, and raw SQL would otherwise compare it with Bangkok wall-clock
    text (seven hours off at every day's edge)."""
    field = Article._meta.get_field("published_at")
    return field.get_db_prep_value(value, connection)


class Sequence:
    """Matches of the stages one after another, each article once."""

    def __init__(self):
        self.rows, self.seen = [], set()

    def extend(self, rows):
        for row in rows:
            if row[0] not in self.seen:
                self.seen.add(row[0])
                self.rows.append(row)

    def __len__(self):
        return len(self.rows)

    def found(self, offset, limit, total, **flags):
        return Found(self.rows[offset : offset + limit], total, **flags)


@dataclass
class Found:
    rows: list  # [(article id, score)] of the page asked for, best first
    total: int
    exact: bool = True  # False: at least `total` articles match
    about: bool = False  # `total` is estimated from a window's share


def flag(sql):
    # A CASE is never answered by an index: the planner tests it row by row.
    return f"(CASE WHEN {sql} THEN 1 ELSE 0 END)"


def sum_flags(parts):
    sql = " + ".join(flag(s) for s, _ in parts) or "0"
    return sql, [p for _, ps in parts for p in ps]


def join(parts, joiner):
    sql = joiner.join(f"({s})" for s, _ in parts)
    return sql, [p for _, ps in parts for p in ps]
