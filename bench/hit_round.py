"""Short interleaved rounds of the cached pages against the ceiling, for
measuring a change to the hot path on a database already filled (the full
benchmark is run.py). Served as deployed, on a Redis of its own.

    DATABASE_URL=postgres://... python bench/hit_round.py [--rounds 3]
        [--duration 5] [--connections 16] [--gzip]

Prints each round's req/s and its share of the ceiling measured just before it,
then the medians: on a shared machine, only shares from the same run compare.
"""

import argparse
import json
import os
import secrets
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.fault import PrivateRedis  # noqa: E402
from bench.servers import ROOT, Server, fetch, probe, warm, wrk  # noqa: E402

PAGES = ("article", "home", "agency")
ERRORS = ("connect", "read", "write", "status", "timeout")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", type=int, default=5)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--port", type=int, default=8413)
    parser.add_argument("--hot-articles", type=int, default=200)
    parser.add_argument("--gzip", action="store_true", help="Accept-Encoding: gzip")
    args = parser.parse_args(argv)
    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(40),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_STATIC_ROOT": str(out / "static"),
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    env.pop("REDIS_URL", None)
    probe(["paths", out, str(args.hot_articles)], env)
    redis = PrivateRedis()
    site = Server(
        "newsroom.wsgi:application",
        args.port,
        dict(env, REDIS_URL=redis.url),
        out / "gunicorn-round.log",
    )
    ceiling = None
    lua = ROOT / "bench" / "paths.lua"
    try:
        site.wait_ready("/robots.txt")
        article = (out / "paths-article.txt").read_text().split()[0]
        status, headers, body = fetch(site.url + article)
        (out / "round-ceiling.html").write_bytes(body)
        (out / "round-ceiling.headers.json").write_text(json.dumps(headers))
        ceiling = Server(
            "bench.ceiling:app",
            args.port + 1,
            dict(env, BENCH_CEILING_PAGE=str(out / "round-ceiling.html")),
            out / "ceiling-round.log",
        )
        ceiling.wait_ready()
        for page in PAGES:
            warm(site.url, out / f"paths-{page}.txt")
        shares = {page: [] for page in PAGES}
        for number in range(1, args.rounds + 1):
            top = None
            for page in ("ceiling", *PAGES):
                server = ceiling if page == "ceiling" else site
                paths = out / f"paths-{'article' if page == 'ceiling' else page}.txt"
                figures = wrk(
                    server.url,
                    lua,
                    [paths, "gzip"] if args.gzip else [paths],
                    connections=args.connections,
                    duration=args.duration,
                )
                rps = figures["requests"] / figures["duration_us"] * 1e6
                top = rps if page == "ceiling" else top
                if page != "ceiling":
                    shares[page].append(rps / top)
                print(
                    f"round {number} {page:8} {rps:7,.0f} req/s "
                    f"({rps / top:6.1%}), p99 {figures['p99_us'] / 1000:.1f} ms, "
                    f"errors {sum(figures[k] for k in ERRORS)}",
                    flush=True,
                )
        for page in PAGES:
            print(f"median {page:8} {statistics.median(shares[page]):.1%} of ceiling")
    finally:
        site.stop()
        if ceiling:
            ceiling.stop()
        redis.kill()


if __name__ == "__main__":
    main()
