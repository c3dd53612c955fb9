"""The reads dashboard, /desk/stats/: a site admin sees every agency, an
editor their own agencies; every table also downloads as CSV."""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from articles import charts
from articles.csv_export import csv_response
from articles.models import Agency
from articles.period import PeriodForm
from articles.services.stats import (
    TABLES,
    dashboard_tables,
    reads_total,
    stats_table,
)
from articles.thai import BE_OFFSET

DAILY_ON_PAGE_DAYS = 366


def stats_scope(request):
    """(the agencies the figures cover, or None for all; the one agency asked
    for with ?agency=<slug>, or None). Another agency's slug is a 403."""
    user = request.user
    mine = None if user.is_superuser else list(user.agencies.all())
    slug = request.GET.get("agency")
    if not slug:
        return mine, None
    agency = get_object_or_404(Agency, slug=slug)
    if mine is not None and agency not in mine:
        raise PermissionDenied("ไม่มีสิทธิ์ดูสถิติของหน่วยงานนี้")
    return [agency], agency


def _choices(request):
    if request.user.is_superuser:
        return Agency.objects.all()
    return request.user.agencies.all()


def _charts(tables):
    def points(name, value_column=1):
        return [(row[0], row[value_column]) for row in tables[name].rows]

    drawn = {
        "agencies": charts.hbar_chart(tables["agencies"].caption, points("agencies")),
        "monthly": charts.bar_chart("ยอดอ่านรวมรายเดือน", points("monthly")),
        "published": charts.bar_chart("ข่าวที่เผยแพร่รวมรายเดือน", points("published")),
    }
    if "daily" in tables:
        drawn["daily"] = charts.line_chart("ยอดอ่านรวมรายวัน", points("daily"))
    return drawn


@login_required
@require_safe
def stats_view(request):
    agencies, chosen = stats_scope(request)
    form = PeriodForm(request.GET or None)
    period = form.period()
    # Ten years of days is 3,650 rows per agency: a download, not a page.
    daily_on_page = len(period) <= DAILY_ON_PAGE_DAYS
    names = [n for n in TABLES if daily_on_page or n != "daily"]
    tables = dashboard_tables(period=period, agencies=agencies, names=names)
    query = period.query()
    if chosen:
        query["agency"] = chosen.slug
    return render(
        request,
        "desk/stats.html",
        {
            "form": form,
            "period": period,
            "chosen": chosen,
            "agency_choices": _choices(request),
            "total": reads_total(period=period, agencies=agencies),
            "tables": tables,
            "charts": _charts(tables),
            "query_string": urlencode(query),
            "daily_on_page": daily_on_page,
        },
    )


@login_required
@require_safe
def stats_csv(request, name):
    agencies, _ = stats_scope(request)
    form = PeriodForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        errors = " ".join(e for errs in form.errors.values() for e in errs)
        return HttpResponseBadRequest(errors, content_type="text/plain; charset=utf-8")
    period = form.period()
    if name not in TABLES:
        raise Http404("ไม่มีตารางนี้")
    table = stats_table(name=name, period=period, agencies=agencies)
    return csv_response(
        f"stats-{name}-{_be(period.start)}-{_be(period.end)}.csv",
        table.columns,
        table.rows,
    )


def _be(day):
    return f"{day.year + BE_OFFSET}{day:%m%d}"
