"""Benchmark data: N articles over the Region 3 agencies and ten years.

    python bench/generate.py --articles 100000 [--seed 1] [--batch 2000]

Uses DATABASE_URL (SQLite when unset), like the site. Articles come with
authors, a read counter (ReadTotal) and daily read rows (DailyRead), in bulk
inserts, in publication order so that ids grow with time as on the real site.
Bodies are 2-20 KB of varied Thai HTML; about 96 % are published and due, the
rest drafts, unpublished or scheduled, so that every filter has work to do.
"""

import argparse
import math
import os
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

STATUS_WEIGHTS = {"published": 96, "draft": 2, "unpublished": 1.5, "scheduled": 0.5}
YEARS = 10
# Imported legacy pages carry their old id; the new system started three years ago.
LEGACY_BEFORE = timedelta(days=3 * 365)
AUTHORS_PER_AGENCY = 8


def _setup_django():
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.base")
    # DEBUG would keep every multi-megabyte INSERT in connection.queries.
    os.environ.setdefault("DJANGO_DEBUG", "false")
    import django

    django.setup()


def _authors(rng, agencies):
    from articles.models import Author
    from bench.thai_text import person

    by_agency = {}
    for agency in agencies:
        names = [f"ทีมข่าว {agency.byline_name or agency.short_name}"]
        names += [
            f"{person(rng)} {agency.byline_name}" for _ in range(AUTHORS_PER_AGENCY)
        ]
        by_agency[agency.pk] = [
            Author.objects.get_or_create(byline=name, defaults={"agency": agency})[0]
            for name in names
        ]
    return by_agency


def _body_size(rng):
    # Log-uniform over 2-19 KB: most news is short, some is long.
    return int(math.exp(rng.uniform(math.log(2048), math.log(19 * 1024))))


def _daily_reads(rng, published_at, today):
    """A burst of reads on the first days, decaying: [(day, count), ...]."""
    from articles.thai import BANGKOK

    first = published_at.astimezone(BANGKOK).date()
    peak = rng.randint(5, 400)
    rows = []
    for offset in range(rng.randint(1, 8)):
        day = first + timedelta(days=offset)
        if day > today:
            break
        rows.append((day, max(1, peak >> offset)))
    return rows


def _article_rows(rng, now, count, agencies, authors, legacy_taken):
    from articles.models import Article
    from articles.thai import BANGKOK
    from bench import thai_text

    start = now - timedelta(days=YEARS * 365)
    span = (now - start).total_seconds()
    times = sorted(
        start + timedelta(seconds=rng.uniform(0, span)) for _ in range(count)
    )
    statuses = rng.choices(
        list(STATUS_WEIGHTS), weights=list(STATUS_WEIGHTS.values()), k=count
    )
    for published_at, status in zip(times, statuses, strict=True):
        agency = rng.choice(agencies)
        province = agency.province or rng.choice(thai_text.PROVINCES)
        title = thai_text.headline(rng, province)
        legacy_id = None
        if status == "scheduled":
            status = Article.Status.PUBLISHED
            published_at = now + timedelta(hours=rng.uniform(1, 24 * 30))
        elif status == "draft":
            published_at = None
        elif now - published_at > LEGACY_BEFORE:
            candidate = published_at.astimezone(BANGKOK).strftime("%y%m%d%H%M%S")
            if candidate not in legacy_taken:
                legacy_taken.add(candidate)
                legacy_id = candidate
        yield Article(
            title=title,
            lead=thai_text.lead(rng, title, province),
            body=thai_text.body(rng, province, _body_size(rng)),
            agency=agency,
            author=rng.choice(authors[agency.pk]),
            editor_name=agency.byline_name,
            status=status,
            published_at=published_at,
            legacy_id=legacy_id,
        )


def _insert_batch(rng, batch, today):
    from articles.models import Article, ArticleEvent, DailyRead, ReadTotal

    Article.objects.bulk_create(batch)
    totals, days, events = [], [], []
    for article in batch:
        shown = 0
        if article.status != Article.Status.DRAFT and article.published_at:
            for day, count in _daily_reads(rng, article.published_at, today):
                days.append(DailyRead(article_id=article.pk, day=day, count=count))
                shown += count
        if article.legacy_id:
            shown += rng.randint(0, 2000)  # reads counted by the old site
        totals.append(ReadTotal(article_id=article.pk, total=shown))
        action = (
            ArticleEvent.Action.IMPORTED
            if article.legacy_id
            else ArticleEvent.Action.CREATED
        )
        events.append(ArticleEvent(article_id=article.pk, action=action))
    ReadTotal.objects.bulk_create(totals, batch_size=5000)
    DailyRead.objects.bulk_create(days, batch_size=5000)
    ArticleEvent.objects.bulk_create(events, batch_size=5000)
    return len(days)


def generate(*, articles, seed=1, batch=2000, now=None, progress=None):
    """Insert `articles` articles with their counters and history; return counts."""
    from django.db import transaction
    from django.utils import timezone

    from articles.models import Agency, Article
    from articles.thai import BANGKOK

    rng = random.Random(seed)
    now = now or timezone.now()
    today = now.astimezone(BANGKOK).date()
    agencies = list(Agency.objects.order_by("pk"))
    if not agencies:
        raise RuntimeError("No agencies: run `manage.py migrate` first.")
    authors = _authors(rng, agencies)
    legacy_taken = set(
        Article.objects.exclude(legacy_id=None).values_list("legacy_id", flat=True)
    )
    rows = _article_rows(rng, now, articles, agencies, authors, legacy_taken)
    created = daily = 0
    while created < articles:
        chunk = [next(rows) for _ in range(min(batch, articles - created))]
        with transaction.atomic():
            daily += _insert_batch(rng, chunk, today)
        created += len(chunk)
        if progress:
            progress(created)
    return {"articles": created, "daily_reads": daily}


def _index_ids(ids):
    from django.db import connections

    from articles.models import Article
    from articles.search.indexing import index_articles

    connections.close_all()  # a forked child must not share the parent's socket
    articles = Article.objects.select_related("agency", "author").filter(pk__in=ids)
    return index_articles(list(articles))


def index_recent(*, count, processes=None, chunk=200):
    """Index the `count` most recent articles with the site's own indexing, on
    every CPU: segmenting Thai is the slow part (about 12 ms per article)."""
    import multiprocessing

    from django.db import connections

    from articles.models import Article

    ids = list(
        Article.objects.order_by("-published_at", "-pk").values_list("pk", flat=True)[
            :count
        ]
    )
    chunks = [ids[i : i + chunk] for i in range(0, len(ids), chunk)]
    connections.close_all()
    context = multiprocessing.get_context("fork")
    with context.Pool(processes or os.cpu_count()) as pool:
        return sum(pool.imap_unordered(_index_ids, chunks))


def _relate_ids(ids):
    from django.db import connections

    from articles.services.related import related_store_all

    connections.close_all()  # a forked child must not share the parent's socket
    return related_store_all(only_missing=True, ids=ids)


def relate_all(*, processes=None, chunk=1000):
    """Store every published article's related news, as a live site has it
    (computed when each was published; `manage.py related_news` after an
    import), on every CPU: without it each first view computes it."""
    import multiprocessing

    from django.db import connections

    from articles.models import Article

    connection = connections["default"]
    if connection.vendor == "postgresql":
        # Bulk-loaded tables have no statistics: each article's related-news
        # query would be planned blind, ten times slower.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    ids = list(Article.objects.published().order_by("pk").values_list("pk", flat=True))
    chunks = [ids[i : i + chunk] for i in range(0, len(ids), chunk)]
    connections.close_all()
    context = multiprocessing.get_context("fork")
    with context.Pool(processes or os.cpu_count()) as pool:
        return sum(pool.imap_unordered(_relate_ids, chunks))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--batch", type=int, default=2000)
    parser.add_argument(
        "--search-index",
        type=int,
        default=0,
        metavar="N",
        help="then index the N most recent articles for search (-1: all)",
    )
    args = parser.parse_args(argv)
    if args.articles < 0 or args.batch < 1:
        parser.error("--articles must be >= 0 and --batch >= 1")
    _setup_django()
    started = time.monotonic()

    def progress(done):
        rate = done / max(time.monotonic() - started, 1e-6)
        print(f"  {done:>8} articles ({rate:,.0f}/s)", flush=True)

    result = generate(
        articles=args.articles, seed=args.seed, batch=args.batch, progress=progress
    )
    elapsed = time.monotonic() - started
    print(
        f"generated {result['articles']} articles and {result['daily_reads']} "
        f"daily read rows in {elapsed:.1f} s",
        flush=True,
    )
    if args.search_index:
        started = time.monotonic()
        count = None if args.search_index < 0 else args.search_index
        indexed = index_recent(count=count)
        print(f"indexed {indexed} articles in {time.monotonic() - started:.1f} s")
    started = time.monotonic()
    related = relate_all()
    elapsed = time.monotonic() - started
    print(f"stored the related news of {related} articles in {elapsed:.1f} s")


if __name__ == "__main__":
    main()
