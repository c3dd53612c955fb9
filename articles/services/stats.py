"""Figures of the reads dashboard (/desk/stats/): reads per day, month and
agency, the most read articles, and articles published per agency and month.

Every figure is one aggregate query over the read rows (DailyRead, one row per
article and Bangkok day) or the articles, grouped in the database; the tables
built from them are what the page, its charts and its CSV downloads show.
`agencies` is the agencies the figures cover, or None for every agency (a site
admin's view, which needs no join to filter by agency).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Count, DateField, Sum
from django.db.models.functions import TruncMonth

from articles.models import Agency, Article, DailyRead
from articles.period import Period
from articles.thai import BANGKOK, format_be_date, format_be_month

MOST_READ_LIMIT = 50


@dataclass
class Table:
    """A table as the page and its CSV show it: `rows` are lists of cells."""

    name: str  # its CSV's name, /desk/stats/<name>.csv
    caption: str
    columns: list[str]
    rows: list[list] = field(default_factory=list)


def _reads(period: Period, agencies):
    rows = DailyRead.objects.filter(day__gte=period.start, day__lte=period.end)
    if agencies is not None:
        rows = rows.filter(article__agency__in=[a.pk for a in agencies])
    return rows


def _published(period: Period, agencies):
    articles = Article.objects.filter(
        status=Article.Status.PUBLISHED,
        published_at__gte=period.start_at,
        published_at__lt=period.end_before,
    )
    if agencies is not None:
        articles = articles.filter(agency__in=[a.pk for a in agencies])
    return articles


def reads_total(*, period: Period, agencies=None) -> int:
    return _reads(period, agencies).aggregate(total=Sum("count"))["total"] or 0


def reads_by_agency_day(*, period: Period, agencies=None) -> dict:
    """{(day, agency id): reads}."""
    rows = (
        _reads(period, agencies)
        .values("day", "article__agency")
        .annotate(reads=Sum("count"))
        .order_by()
    )
    return {(r["day"], r["article__agency"]): r["reads"] for r in rows}


def reads_by_agency_month(*, period: Period, agencies=None) -> dict:
    """{(first day of the month, agency id): reads}. `day` is already a Bangkok
    day, so the month needs no time zone."""
    rows = (
        _reads(period, agencies)
        .annotate(month=TruncMonth("day"))
        .values("month", "article__agency")
        .annotate(reads=Sum("count"))
        .order_by()
    )
    return {(r["month"], r["article__agency"]): r["reads"] for r in rows}


def published_by_agency_month(*, period: Period, agencies=None) -> dict:
    """{(first day of the Bangkok month, agency id): articles published}."""
    month = TruncMonth("published_at", tzinfo=BANGKOK, output_field=DateField())
    rows = (
        _published(period, agencies)
        .annotate(month=month)
        .values("month", "agency")
        .annotate(articles=Count("id"))
        .order_by()
    )
    return {(r["month"], r["agency"]): r["articles"] for r in rows}


def most_read(*, period: Period, agencies=None, limit=MOST_READ_LIMIT) -> list:
    """[(article, reads in the period)], most read first."""
    ranked = list(
        _reads(period, agencies)
        .values("article")
        .annotate(reads=Sum("count"))
        .order_by("-reads", "article")[:limit]
    )
    articles = (
        Article.objects.select_related("agency")
        .only("title", "published_at", "agency__short_name")
        .in_bulk([r["article"] for r in ranked])
    )
    return [(articles[r["article"]], r["reads"]) for r in ranked]


def _pivot(name, caption, first, keys, by_key, agencies, label):
    """Rows of `keys` (days or months), a total, then one column per agency."""
    table = Table(name, caption, [first, "รวม"] + [a.short_name for a in agencies])
    for key in keys:
        cells = [by_key.get((key, a.pk), 0) for a in agencies]
        table.rows.append([label(key), sum(cells), *cells])
    return table


TABLES = ("agencies", "daily", "monthly", "most-read", "published")


class _Figures:
    """The grouped figures of one period and scope, each queried once, when a
    table first needs it."""

    def __init__(self, period, agencies):
        self.period, self.agencies = period, agencies

    @cached_property
    def by_day(self):
        return reads_by_agency_day(period=self.period, agencies=self.agencies)

    @cached_property
    def by_month(self):
        return reads_by_agency_month(period=self.period, agencies=self.agencies)

    @cached_property
    def published(self):
        return published_by_agency_month(period=self.period, agencies=self.agencies)


def _agency_columns(agencies, *figures):
    """The agencies the columns show: those given, or (for every agency) those
    with figures in the period; in the site's order of agencies."""
    if agencies is None:
        ids = {a for figure in figures for _, a in figure}
        agencies = Agency.objects.filter(pk__in=ids)
    return sorted(agencies, key=lambda a: (a.kind, a.province, a.short_name))


def _agencies_table(figures):
    agencies = figures.agencies
    by_month = figures.by_month
    published = figures.published
    table = Table(
        "agencies", "ยอดอ่านรวมแยกตามหน่วยงาน", ["หน่วยงาน", "ยอดอ่าน", "ข่าวที่เผยแพร่"]
    )
    reads, count = defaultdict(int), defaultdict(int)
    for (_, agency_id), n in by_month.items():
        reads[agency_id] += n
    for (_, agency_id), n in published.items():
        count[agency_id] += n
    for agency in _agency_columns(agencies, by_month, published):
        table.rows.append([agency.short_name, reads[agency.pk], count[agency.pk]])
    return table


def _daily_table(figures):
    period, agencies = figures.period, figures.agencies
    by_day = figures.by_day
    columns = _agency_columns(agencies, by_day)
    caption = "ยอดอ่านรายวันแยกตามหน่วยงาน"
    return _pivot(
        "daily", caption, "วันที่", period.days(), by_day, columns, format_be_date
    )


def _monthly_table(figures):
    period, agencies = figures.period, figures.agencies
    by_month = figures.by_month
    columns = _agency_columns(agencies, by_month)
    caption = "ยอดอ่านรายเดือนแยกตามหน่วยงาน"
    return _pivot(
        "monthly", caption, "เดือน", period.months(), by_month, columns, format_be_month
    )


def _published_table(figures):
    period, agencies = figures.period, figures.agencies
    published = figures.published
    columns = _agency_columns(agencies, published)
    caption = "จำนวนข่าวที่เผยแพร่รายเดือนแยกตามหน่วยงาน"
    return _pivot(
        "published",
        caption,
        "เดือน",
        period.months(),
        published,
        columns,
        format_be_month,
    )


def _most_read_table(figures):
    period, agencies = figures.period, figures.agencies
    table = Table(
        "most-read",
        "ข่าวที่มีผู้อ่านมากที่สุดในช่วงเวลานี้",
        ["อันดับ", "หัวข้อข่าว", "หน่วยงาน", "วันที่เผยแพร่", "ยอดอ่าน", "รหัสข่าว"],
    )
    ranked = most_read(period=period, agencies=agencies)
    for rank, (article, reads) in enumerate(ranked, start=1):
        when = article.published_at
        day = format_be_date(when.astimezone(BANGKOK)) if when else ""
        agency = article.agency.short_name
        table.rows.append([rank, article.title, agency, day, reads, article.pk])
    return table


_BUILDERS = {
    "agencies": _agencies_table,
    "daily": _daily_table,
    "monthly": _monthly_table,
    "most-read": _most_read_table,
    "published": _published_table,
}


def stats_table(*, name: str, period: Period, agencies=None) -> Table:
    """One table of the dashboard by name (KeyError for no such table)."""
    return _BUILDERS[name](_Figures(period, agencies))


def dashboard_tables(
    *, period: Period, agencies=None, names=TABLES
) -> dict[str, Table]:
    """The tables `names` (all by default) of the dashboard, by name."""
    figures = _Figures(period, agencies)
    return {name: _BUILDERS[name](figures) for name in names}
