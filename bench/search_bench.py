"""Search benchmark: Thai search over generated news on PostgreSQL (or SQLite).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_search_bench \\
        .venv/bin/python bench/search_bench.py [--articles 100000] [--queries 50]
        [--workers CPUS] [--no-index]

A DATABASE_URL of sqlite:///path runs the same on SQLite. Creates the
database if it is missing and migrates it, fills it with
`--articles` generated Thai articles (bench/generate.py, bulk inserts, which
bypass the save signal, so nothing is indexed yet), then rebuilds the search
index of every article through the real path (articles.search.reindex_all:
normalisation, segmentation in --workers processes, the SearchDocument rows and
the database's own tsvector and trigram indexes) and reports articles per
second. Then it times --queries one-word and --queries two-word queries: the
database query alone, and the whole search_articles call including snippets,
and prints p50 / p95 / max; once with words of the generator's phrase lists
(each in a large share of the articles: the worst case) and once with selective
terms (numbers, as rare as names and places in real news). The hits are the
totals the page shows, estimated for a word in much of the news. Last, the
related-news query of --queries random articles, uncached. Targets: p95 <= 50
ms, indexing >= 200 articles/s, related news a few ms. --no-index reuses an
index already built.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.base")
    os.environ.setdefault("DJANGO_DEBUG", "false")
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        _create_database(url)
    elif not url.startswith("sqlite:"):
        sys.exit("DATABASE_URL must point at PostgreSQL or SQLite (see the docstring).")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _create_database(url):
    from urllib.parse import urlsplit

    import psycopg2

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = psycopg2.connect(
        host=parts.hostname,
        port=parts.port or 5432,
        user=parts.username,
        password=parts.password,
        dbname="postgres",
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if not cursor.fetchone():
            cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()


def _percentiles(samples):
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return statistics.median(ordered), p95, ordered[-1]


def _fill(target):
    from articles.models import Article
    from bench.generate import generate

    have = Article.objects.count()
    if have >= target:
        return 0
    started = time.monotonic()
    generate(
        articles=target - have,
        seed=have + 1,
        progress=lambda n: (
            print(f"  generated {n}", flush=True) if n % 20000 == 0 else None
        ),
    )
    print(f"generated {target - have} articles in {time.monotonic() - started:.0f} s")
    return target - have


def _index(workers):
    """Rebuild the whole index through reindex_all; (count, seconds)."""
    from django.db import connection

    from articles.search import reindex_all

    started = time.monotonic()

    def progress(done):
        if done % 10000 < 500:
            rate = done / (time.monotonic() - started)
            print(f"  indexed {done} ({rate:.0f}/s)", flush=True)

    done = reindex_all(workers=workers, progress=progress)
    elapsed = time.monotonic() - started
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return done, elapsed


def _vocabulary():
    from articles.search.text import query_terms
    from bench import thai_text

    words = set()
    for phrase in (
        thai_text.SUBJECTS + thai_text.PLACES + thai_text.ACTIONS + thai_text.PEOPLE
    ):
        words.update(t for t in query_terms(phrase) if len(t) > 1)
    words.update(thai_text.PROVINCES)
    return sorted(words)


def _time_queries(queries):
    """(database ms, search_articles ms, hits, queries stopped as too broad)."""
    from articles.search import search_articles
    from articles.search.backends import get_backend
    from articles.search.backends.base import SearchTooBroad
    from articles.search.backends.sql import Filters
    from articles.search.query import parse_query

    backend = get_backend()
    sql_ms, full_ms, hits, broad = [], [], [], 0
    for query in queries:
        started = time.perf_counter()
        try:
            # The first plan: the query's text as one piece (the database's
            # share when it is found, as every query here is).
            backend.search(parse_query(query).plans[0], Filters(), limit=20, offset=0)
        except SearchTooBroad:
            broad += 1
        sql_ms.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        results = search_articles(query)
        for hit in results:
            str(hit.title_html), str(hit.snippet_html)
        full_ms.append((time.perf_counter() - started) * 1000)
        hits.append(results.total)
    return sql_ms, full_ms, hits, broad


def _sizes():
    """The index's sizes on disk, and the substring text per article."""
    from django.db import connection

    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT avg(length(CAST(plain AS BLOB))) FROM articles_searchdocument"
            )
            plain = cursor.fetchone()[0]
        size = os.path.getsize(connection.settings_dict["NAME"]) / 1024 / 1024
        print(
            f"index: database file {size:.0f} MB; substring text {plain:.0f} "
            "bytes per article",
            flush=True,
        )
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_total_relation_size('articles_searchdocument'), "
            "pg_relation_size('articles_search_plain_trgm'), "
            "pg_relation_size('articles_search_document_gin'), "
            "avg(octet_length(plain)), avg(pg_column_size(plain)) "
            "FROM articles_searchdocument"
        )
        total, trigram, words, plain, stored = cursor.fetchone()
    mb = 1024 * 1024
    print(
        f"index: search rows with their indexes {total / mb:.0f} MB, trigram index "
        f"{trigram / mb:.0f} MB, word index {words / mb:.0f} MB; substring text "
        f"{plain:.0f} bytes per article ({stored:.0f} stored, compressed)",
        flush=True,
    )


def _time_related(count, rng):
    """Milliseconds of the related-news query for `count` random published
    articles (the database query alone, uncached, as the article page runs it)."""
    from articles.models import Article, SearchDocument
    from articles.search.backends import get_backend
    from articles.search.backends.base import SearchTooBroad
    from articles.search.backends.related import related_ids
    from articles.search.related import LIMIT, related_terms

    ids = list(Article.objects.published().values_list("pk", flat=True))
    backend = get_backend()
    samples, cut = [], 0
    for pk in rng.sample(ids, min(count, len(ids))):
        article = Article.objects.only("pk", "agency_id").get(pk=pk)
        document = SearchDocument.objects.only("title", "lead").get(pk=pk)
        started = time.perf_counter()
        try:
            related_ids(
                backend,
                article_id=pk,
                agency_id=article.agency_id,
                terms=related_terms(document),
                limit=LIMIT,
            )
        except SearchTooBroad:  # the page falls back to the agency's latest
            cut += 1
        samples.append((time.perf_counter() - started) * 1000)
    return samples, cut


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=50)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument(
        "--no-index", action="store_true", help="reuse the index as it stands"
    )
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    _setup()
    _fill(args.articles)
    if not args.no_index:
        done, elapsed = _index(args.workers)
        print(
            f"indexing: {done} articles in {elapsed:.1f} s = {done / elapsed:.0f} "
            "articles/s (segmentation, rows, tsvector and trigram indexes; "
            f"{args.workers} segmenting processes)"
        )
    _sizes()
    rng = random.Random(args.seed)
    vocabulary = _vocabulary()
    # The generator builds every sentence from short phrase lists, so each of
    # its words is in a large share of the articles: the worst case. Numbers
    # ("กว่า 1234 คน") are as selective as names and places in real news.
    numbers = [str(rng.randint(2, 4000)) for _ in range(args.queries * 2)]
    sets = {
        "one-word, generator vocabulary": [
            rng.choice(vocabulary) for _ in range(args.queries)
        ],
        "two-word, generator vocabulary": [
            " ".join(rng.sample(vocabulary, 2)) for _ in range(args.queries)
        ],
        "one-word, selective": numbers[: args.queries],
        "two-word, selective": [
            f"{n} {rng.choice(vocabulary)}" for n in numbers[args.queries :]
        ],
    }
    _time_queries(sets["one-word, selective"][:5])  # warm caches and segmenter
    for label, queries in sets.items():
        sql_ms, full_ms, hits, broad = _time_queries(queries)
        p50, p95, worst = _percentiles(sql_ms)
        f50, f95, fworst = _percentiles(full_ms)
        print(
            f"{label} ({len(queries)} queries, median {statistics.median(hits):.0f} "
            f"hits): database p50 {p50:.1f} ms, p95 {p95:.1f} ms, max "
            f"{worst:.1f} ms; search_articles with snippets p50 {f50:.1f} ms, "
            f"p95 {f95:.1f} ms, max {fworst:.1f} ms; {broad} stopped as too broad",
            flush=True,
        )
    samples, cut = _time_related(args.queries, rng)
    p50, p95, worst = _percentiles(samples)
    print(
        f"related news ({len(samples)} articles): database p50 {p50:.1f} ms, "
        f"p95 {p95:.1f} ms, max {worst:.1f} ms; {cut} cut short",
        flush=True,
    )


if __name__ == "__main__":
    main()
