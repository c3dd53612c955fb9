"""Time the reads dashboard's queries on a generated data set.

    DATABASE_URL=postgres://… python bench/stats_bench.py [--repeat 5]

Run after `bench/generate.py --articles 100000` (ten years of articles and their
daily read rows) on the same database. Each figure of /desk/stats/ is timed
alone, median of `--repeat` runs after one warm-up, for four views: every agency
or one agency, over the current month or the whole ten years.
"""

import argparse
import os
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _setup_django():
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.base")
    os.environ.setdefault("DJANGO_DEBUG", "false")
    import django

    django.setup()


def _median_ms(call, repeat):
    call()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    _setup_django()

    from django.db import connection
    from django.utils import timezone

    from articles.models import Agency, Article, DailyRead
    from articles.period import Period
    from articles.services import stats

    today = timezone.localdate()
    ten_years = Period(today - timedelta(days=10 * 366), today)
    # The last whole month: early in a month, this month holds only a few days.
    month = Period.this_month(today.replace(day=1) - timedelta(days=1))
    year = Period(today - timedelta(days=365), today)
    one = [Agency.objects.get(slug="pr-phayao")]
    print(
        f"{connection.vendor}: {Article.objects.count()} articles, "
        f"{DailyRead.objects.count()} daily read rows"
    )
    figures = {
        "reads_total": stats.reads_total,
        "reads_by_agency_day": stats.reads_by_agency_day,
        "reads_by_agency_month": stats.reads_by_agency_month,
        "published_by_agency_month": stats.published_by_agency_month,
        "most_read": stats.most_read,
        "dashboard_tables (all)": stats.dashboard_tables,
    }
    slowest = (0, "")
    for scope_name, agencies in (("every agency", None), ("pr-phayao", one)):
        periods = (("last month", month), ("a year", year), ("ten years", ten_years))
        for period_name, period in periods:
            print(f"\n{scope_name}, {period_name}:")
            for name, figure in figures.items():

                def call(figure=figure, period=period, agencies=agencies):
                    return figure(period=period, agencies=agencies)

                ms = _median_ms(call, args.repeat)
                print(f"  {name:<28} {ms:8.1f} ms")
                if not name.startswith("dashboard") and ms > slowest[0]:
                    slowest = (ms, f"{name}, {scope_name}, {period_name}")
    print(f"\nslowest single query: {slowest[1]}: {slowest[0]:.1f} ms")
    _pages(
        ((("last month", month), ("a year", year), ("ten years", ten_years))),
        args.repeat,
    )


def _pages(periods, repeat):
    """The whole page and one CSV, through the test client, as a site admin."""
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.test.utils import override_settings

    admin, _ = get_user_model().objects.get_or_create(
        username="bench-stats-admin", defaults={"is_superuser": True}
    )
    client = Client()
    client.force_login(admin)
    print()
    from django.conf import settings

    storages = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }
    with override_settings(ALLOWED_HOSTS=["testserver"], STORAGES=storages):
        for name, period in periods:
            for url in ("/desk/stats/", "/desk/stats/daily.csv"):

                def call(url=url, period=period):
                    response = client.get(url, period.query())
                    assert response.status_code == 200, response.status_code

                ms = _median_ms(call, repeat)
                print(f"  {url:<24} {name:<12} {ms:8.1f} ms")


if __name__ == "__main__":
    main()
