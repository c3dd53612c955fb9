"""`make bench`: the site under load against its ceiling, in one run.

    python bench/run.py [--articles 100000] [--duration 10] [--redis | --no-redis]

Recreates a dedicated PostgreSQL database, fills it (bench/generate.py), serves
the site as deployed (gunicorn, 2 sync workers, production settings over plain
HTTP on loopback) next to a bare server returning one real article page from
memory (bench/ceiling.py), loads both with wrk in interleaved rounds, checks
that the read counters grew by exactly the successful article GETs, and appends
the figures to bench/RESULTS.md. See bench/README.md.
"""

import argparse
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import report  # noqa: E402
from bench.fault import fault_round  # noqa: E402
from bench.servers import (  # noqa: E402
    ROOT,
    Server,
    cpu_sample,
    ensure_wrk,
    fetch,
    foreign_cpu,
    probe,
    warm,
    wrk,
)

OUT = ROOT / "bench" / "out"
PAGES = ("ceiling", "article", "home", "agency", "province", "article-all", "search")
# After the counted article GETs, wrk asks for robots.txt until every article
# GET is answered (bench/count.lua), for at most this many seconds.
MAX_DRAIN = 120
QUIET = 15  # seconds without an article answer after which a wrk thread is done


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--duration", type=int, default=10, help="seconds per load")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--search-index",
        type=int,
        default=20_000,
        metavar="N",
        help="index the N most recent articles for search (-1: all; slow: about "
        "12 ms of Thai segmentation per article and CPU)",
    )
    parser.add_argument(
        "--hot-articles",
        type=int,
        default=1000,
        metavar="N",
        help="the article page's load draws from N articles spread over the data "
        "set, fetched once before each round; article-all draws from every one",
    )
    parser.add_argument("--connections", default="16,64")
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/newsroom_bench"
        ),
        help="a PostgreSQL database the bench owns: it is dropped and recreated",
    )
    parser.add_argument(
        "--redis-url",
        default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/9"),
        help="a Redis database the bench owns: it is flushed before use",
    )
    redis = parser.add_mutually_exclusive_group()
    redis.add_argument("--redis", dest="modes", action="store_const", const=["redis"])
    redis.add_argument(
        "--no-redis", dest="modes", action="store_const", const=["no-redis"]
    )
    parser.add_argument(
        "--reuse-data",
        action="store_true",
        help="keep the database from the last run (migrate only)",
    )
    parser.add_argument("--port", type=int, default=8401)
    parser.add_argument("--ceiling-port", type=int, default=8402)
    parser.add_argument("--results", default=str(ROOT / "bench" / "RESULTS.md"))
    parser.add_argument(
        "--strict",
        action="store_true",
        help="also exit non-zero when a target is missed",
    )
    args = parser.parse_args(argv)
    args.connections = [int(c) for c in args.connections.split(",") if c]
    if min(args.articles, args.duration, args.rounds, args.hot_articles) < 1:
        parser.error("--articles, --duration, --rounds, --hot-articles: positive")
    if urlsplit(args.database_url).scheme not in {"postgres", "postgresql"}:
        parser.error("--database-url must be a PostgreSQL URL")
    name = urlsplit(args.database_url).path.lstrip("/")
    if not name.replace("_", "").isalnum():
        parser.error("the database name must be letters, digits and _")
    return args


def say(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def manage(env, *command):
    subprocess.run(
        [sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True
    )


def sql(url, statement):
    """One statement outside a transaction (DROP DATABASE, VACUUM need that)."""
    import psycopg2

    connection = psycopg2.connect(url)
    try:
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute(statement)
    finally:
        connection.close()


def prepare_database(args, env):
    parts = urlsplit(args.database_url)
    name = parts.path.lstrip("/")
    if not args.reuse_data:
        say(f"recreating database {name}")
        admin = urlunsplit(parts._replace(path="/postgres"))
        sql(admin, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        sql(admin, f'CREATE DATABASE "{name}"')
    manage(env, "migrate", "--noinput", "-v0")
    if not args.reuse_data:
        say(f"generating {args.articles} articles")
        generate = [
            sys.executable,
            "bench/generate.py",
            "--articles",
            str(args.articles),
            "--search-index",
            str(args.search_index),
        ]
        subprocess.run(generate, cwd=ROOT, env=env, check=True)
        # Bulk-loaded tables have no statistics yet; a live site's do.
        sql(args.database_url, "VACUUM ANALYZE")
    manage(env, "collectstatic", "--noinput", "-v0")
    render_articles(env)


def render_articles(env, processes=2):
    """Every published article's stored page parts, as a live site has them
    (drawn when each was first read, `manage.py render_articles` after a
    deploy): only the missing or stale ones, one process per CPU."""
    say("storing the article pages' parts")
    command = [sys.executable, "manage.py", "render_articles", "-v0"]
    running = [
        subprocess.Popen([*command, "--part", f"{k}/{processes}"], cwd=ROOT, env=env)
        for k in range(processes)
    ]
    if any(process.wait() for process in running):
        raise SystemExit("manage.py render_articles failed")


def redis_ready(url):
    try:
        import redis

        client = redis.Redis.from_url(url, socket_timeout=2)
        client.ping()
        return client
    except Exception:  # noqa: BLE001 (any failure means: no Redis mode)
        return None


def save_ceiling(app, path):
    status, headers, body = fetch(app.url + path)
    if status != 200:
        raise SystemExit(f"ceiling page {path} answered {status}")
    (OUT / "ceiling.html").write_bytes(body)
    (OUT / "ceiling.headers.json").write_text(json.dumps(headers))
    return {"path": path, "bytes": len(body)}


def count_check(args, app, env, files):
    """Counters before and after a load of article GETs; exact or failed."""
    connections = max(args.connections)
    done_dir = OUT / "count-done"
    shutil.rmtree(done_dir, ignore_errors=True)
    done_dir.mkdir()
    before = probe(["sums"], env)
    figures = wrk(
        app.url,
        ROOT / "bench" / "count.lua",
        [files["count"], args.duration, done_dir, QUIET],
        connections=connections,
        duration=args.duration + MAX_DRAIN,
        timeout=args.duration + MAX_DRAIN,
        done_dir=done_dir,
    )
    # Anything wrk left queued is served (or dropped by a restart) first.
    figures["settle_s"], figures["restarted"] = app.settle()
    after = probe(["sums"], env)
    grew = after["read_total"] - before["read_total"]
    grew_daily = after["daily_read"] - before["daily_read"]
    figures.pop("raw")
    return {
        **figures,
        "read_total_grew": grew,
        "daily_read_grew": grew_daily,
        "exact": grew == figures["article_ok"] == grew_daily,
        "drain_s": round(figures["duration_us"] / 1e6 - args.duration, 1),
        "database": after["database"],
    }


def run_mode(mode, args, env, files, info):
    env = dict(env, BENCH_STATE_DIR=str(OUT / f"state-{mode}"))
    shutil.rmtree(env["BENCH_STATE_DIR"], ignore_errors=True)
    os.makedirs(env["BENCH_STATE_DIR"])
    if mode == "redis":
        redis_ready(args.redis_url).flushdb()
        env["REDIS_URL"] = args.redis_url
    else:  # one host: pages and cache in directories of the run's own
        for variable, name in (("PAGE_CACHE", "pages"), ("CACHE", "cache")):
            directory = OUT / f"{name}-{mode}"
            shutil.rmtree(directory, ignore_errors=True)
            env[f"DJANGO_{variable}_DIR"] = str(directory)
    result = {
        "mode": mode,
        "rounds": {c: {p: [] for p in PAGES} for c in args.connections},
    }
    app = Server(
        "newsroom.wsgi:application", args.port, env, OUT / f"gunicorn-{mode}.log"
    )
    ceiling = None
    try:
        app.wait_ready("/robots.txt")
        result["ceiling"] = save_ceiling(app, info["ceiling_path"])
        ceiling_env = dict(env, BENCH_CEILING_PAGE=str(OUT / "ceiling.html"))
        ceiling = Server(
            "bench.ceiling:app",
            args.ceiling_port,
            ceiling_env,
            OUT / f"ceiling-{mode}.log",
        )
        ceiling.wait_ready()
        say(f"[{mode}] queries and profile per page")
        result["probe"] = probe(["measure", OUT], env)
        # Statuses from the probe's own process: asking the site for a search
        # page here would load the Thai dictionary in a worker before its time.
        result["statuses"] = {p: result["probe"][p]["status"] for p in PAGES[1:]}
        pages = [p for p in PAGES if p == "ceiling" or result["statuses"][p] != 404]
        for connections in args.connections:
            for number in range(1, args.rounds + 1):
                for page in pages:
                    if page == "search" and "memory_before_search" not in result:
                        result["memory_before_search"] = app.memory()
                    server = ceiling if page == "ceiling" else app
                    paths = files["article" if page == "ceiling" else page]
                    if page == "article":
                        warm(app.url, paths)
                    before = cpu_sample()
                    figures = wrk(
                        server.url,
                        ROOT / "bench" / "paths.lua",
                        [paths],
                        connections=connections,
                        duration=args.duration,
                    )
                    figures["foreign_cpu"] = foreign_cpu(before, cpu_sample())
                    if server is app:
                        figures["settle_s"], figures["restarted"] = app.settle()
                    figures.pop("raw")
                    result["rounds"][connections][page].append(figures)
                    rps = figures["requests"] / figures["duration_us"] * 1e6
                    say(
                        f"[{mode}] c={connections} round {number} {page}: "
                        f"{rps:,.0f} req/s, p99 {figures['p99_us'] / 1000:.1f} ms, "
                        f"other load {figures['foreign_cpu']:.0%}"
                    )
        say(f"[{mode}] exact count check")
        result["count"] = count_check(args, app, env, files)
        result["memory"] = app.memory_all()
        result["ceiling_memory"] = ceiling.memory()
        result["pythainlp"] = [
            json.loads(p.read_text())
            for p in Path(env["BENCH_STATE_DIR"]).glob("pythainlp-*.json")
        ]
    finally:
        app.stop()
        if ceiling:
            ceiling.stop()
    return result


def _interrupted(signum, frame):
    # Unwind through the finally blocks, which stop the servers.
    raise SystemExit(f"interrupted by signal {signum}")


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    signal.signal(signal.SIGTERM, _interrupted)
    signal.signal(signal.SIGINT, _interrupted)
    started = time.time()
    ensure_wrk()
    OUT.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(40),
        # testserver: the probe's test client, never the servers under load.
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_STATIC_ROOT": str(OUT / "static"),
        "DJANGO_LOG_LEVEL": "WARNING",
        "DATABASE_URL": args.database_url,
    }
    env.pop("REDIS_URL", None)
    prepare_database(args, env)
    info = probe(["paths", OUT, str(args.hot_articles)], env)
    files = {page: OUT / f"paths-{page}.txt" for page in (*PAGES[1:], "count")}
    modes = args.modes or ["no-redis", "redis"]
    if "redis" in modes and not redis_ready(args.redis_url):
        if args.modes:
            raise SystemExit(f"no Redis at {args.redis_url}")
        say(f"no Redis at {args.redis_url}: measuring without it only")
        modes = ["no-redis"]
    results = [run_mode(mode, args, env, files, info) for mode in modes]
    if "redis" in modes:
        say("[fault] Redis killed for 5 s during an article load")
        results[-1]["fault"] = fault_round(args, env, files, OUT, QUIET, MAX_DRAIN)
    stamp = time.strftime("%Y%m%d-%H%M%S", time.gmtime(started))
    raw = OUT / f"results-{stamp}.json"
    raw.write_text(json.dumps({"info": info, "results": results}, indent=1))
    text, failures, misses = report.render(args, info, results, started)
    with open(args.results, "a", encoding="utf-8") as out:
        out.write(text)
    print(text)
    say(f"report appended to {args.results}; raw figures in {raw}")
    if failures:
        raise SystemExit("FAILED: " + "; ".join(failures))
    if misses and args.strict:
        raise SystemExit("targets missed: " + "; ".join(misses))


if __name__ == "__main__":
    main()
