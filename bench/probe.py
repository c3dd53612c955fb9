"""In-process looks at the benchmark database, for run.py (one JSON line out).

    python bench/probe.py paths OUTDIR     pages to load, one path a line
    python bench/probe.py sums             read counters, summed
    python bench/probe.py measure OUTDIR   SQL queries and a profile per page

Runs with the settings and database of the server under test (run.py sets the
environment), through Django's test client: what a request costs in queries,
in SQL time and in Python, without the network.
"""

import cProfile
import io
import json
import os
import pstats
import random
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
SEARCH_WORDS = [
    "เชียงใหม่", "พะเยา", "น่าน", "ผู้ว่าราชการ", "ต่างชาติ", "ลำไย", "ไฟป่า",
    "หมอกควัน", "วัคซีน", "ยี่เป็ง", "ภัยแล้ง", "ผ้าทอ", "ศูนย์ดำรงธรรม", "กาแฟ",
    "ประชาสัมพันธ์", "ผู้สูงอายุ", "ข้าวหอมมะลิ", "ท่องเที่ยว", "ยาเสพติด", "อุทกภัย",
]  # fmt: skip
SAMPLES = 30  # requests per page for the query count and the profile
BUDGET = 8  # seconds per page for each: a slow page gets fewer samples (at least 3)


def _setup():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.production")
    import django

    django.setup()


def paths(outdir, hot=1000):
    """Write the path files wrk draws from; return what run.py needs to know.

    "article" is the hot set a LINE share or a front page makes: `hot` articles
    spread evenly over every published one (all ten years, every agency);
    "article-all" is every published article, nearly all of them cold; the
    counted load draws from both."""
    from django.db.models.functions import Length
    from django.urls import reverse

    from articles.models import Agency, Article
    from articles.provinces import PROVINCES

    outdir = Path(outdir)
    ids = list(Article.objects.published().values_list("pk", flat=True))
    if not ids:
        raise SystemExit("No published article in the benchmark database.")
    slugs = list(
        Agency.objects.filter(articles__in=Article.objects.published())
        .values_list("slug", flat=True)
        .distinct()
    )
    every = [reverse("articles:detail", kwargs={"pk": pk}) for pk in sorted(ids)]
    hot_set = every[:: max(1, len(every) // hot)][:hot]
    cold = random.Random(3).sample(every, min(len(every), hot))
    pages = {
        "article": hot_set,
        "article-all": every,
        "count": hot_set + cold,
        "home": [reverse("articles:home")],
        "agency": [reverse("articles:agency", kwargs={"slug": s}) for s in slugs],
        # The eight provinces' pages, cached like the agencies' (one list each).
        "province": [p.get_absolute_url() for p in PROVINCES],
        "search": [f"/search/?q={quote(word)}" for word in SEARCH_WORDS],
    }
    for name, lines in pages.items():
        (outdir / f"paths-{name}.txt").write_text("\n".join(lines) + "\n")
    # The ceiling serves a typical page: the article of median body length
    # among a sample (measuring every body would read the whole table).
    sample = random.Random(1).sample(ids, min(len(ids), 301))
    sized = (
        Article.objects.filter(pk__in=sample)
        .annotate(size=Length("body"))
        .order_by("size", "pk")
        .values_list("pk", flat=True)
    )
    median = list(sized)[len(sample) // 2]
    try:
        from articles.models import SearchDocument

        indexed = SearchDocument.objects.count()
    except ImportError:  # no search index in this version
        indexed = 0
    return {
        "hot": len(hot_set),
        "indexed": indexed,
        "published": len(ids),
        "total": Article.objects.count(),
        "agencies": len(slugs),
        "ceiling_path": reverse("articles:detail", kwargs={"pk": median}),
    }


def sums():
    from django.db import connection
    from django.db.models import Sum

    from articles.models import DailyRead, ReadTotal

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT version()"
            if connection.vendor == "postgresql"
            else "SELECT sqlite_version()"
        )
        version = cursor.fetchone()[0]
    return {
        "read_total": ReadTotal.objects.aggregate(s=Sum("total"))["s"] or 0,
        "daily_read": DailyRead.objects.aggregate(s=Sum("count"))["s"] or 0,
        "database": version,
    }


def _measure_page(client, sample, profile_to):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    status = client.get(sample[0]).status_code  # warm: templates, urls, connection
    if status == 404 and sample[0].startswith("/search/"):
        return {"status": status, "missing": True}
    queries, sql_ms, wall_ms, sizes, failed = [], [], [], [], 0
    deadline = time.monotonic() + BUDGET
    for number, path in enumerate(sample):
        if number >= 3 and time.monotonic() > deadline:
            sample = sample[:number]
            break
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            response = client.get(path)
            wall_ms.append((time.perf_counter() - started) * 1000)
        queries.append(len(ctx.captured_queries))
        sql_ms.append(sum(float(q["time"]) for q in ctx.captured_queries) * 1000)
        sizes.append(len(response.content))
        failed += not 200 <= response.status_code < 400
    profiler = cProfile.Profile()
    profiler.enable()
    for path in sample:
        client.get(path)
    profiler.disable()
    text = io.StringIO()
    stats = pstats.Stats(profiler, stream=text)
    stats.sort_stats("tottime").print_stats(30)
    stats.sort_stats("cumulative").print_stats(40)
    Path(profile_to).write_text(text.getvalue())
    top = sorted(stats.stats.items(), key=lambda item: item[1][2], reverse=True)
    total = sum(row[2] for _, row in stats.stats.items()) or 1
    return {
        "status": status,
        "samples": len(sample),
        "failed": failed,
        "queries": statistics.median(queries),
        "queries_max": max(queries),
        "sql_ms": round(statistics.median(sql_ms), 2),
        "wall_ms": round(statistics.median(wall_ms), 2),
        "bytes": int(statistics.median(sizes)),
        "top_tottime": [
            {
                "function": f"{Path(f).name}:{line}({name})",
                "share": round(row[2] / total, 3),
            }
            for (f, line, name), row in top[:8]
        ],
        "profile": str(profile_to),
    }


def measure(outdir):
    from django.test import Client

    outdir = Path(outdir)
    rng = random.Random(7)
    # A page that fails is a figure (its status), not the end of the probe.
    client = Client(raise_request_exception=False)
    result = {}
    for page in ("article", "home", "agency", "province", "article-all", "search"):
        if page == "search":
            # A process that served every page but search: has it paid for Thai?
            result["pythainlp_before_search"] = "pythainlp" in sys.modules
        lines = (outdir / f"paths-{page}.txt").read_text().split()
        sample = [rng.choice(lines) for _ in range(SAMPLES)]
        result[page] = _measure_page(client, sample, outdir / f"profile-{page}.txt")
    return result


def main(argv):
    if not argv or argv[0] not in {"paths", "sums", "measure"}:
        raise SystemExit(__doc__)
    _setup()
    if argv[0] == "paths":
        out = paths(argv[1], *(int(n) for n in argv[2:3]))
    elif argv[0] == "sums":
        out = sums()
    else:
        out = measure(argv[1])
    print("BENCH_JSON " + json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1:])
