"""What a cached page costs in the worker, without the network: microseconds
per request through newsroom.wsgi's application for a hot article (its read
counted), the home page and an agency's page, on a Redis of its own.

    DATABASE_URL=postgres://... python bench/hit_path.py [--requests 5000]
        [--profile article]

Each figure is the best of --repeat batches (the machine may be shared: the
best batch is the one least disturbed). --profile prints where a page's time
goes (cProfile, by own time).
"""

import argparse
import cProfile
import importlib
import io
import os
import pstats
import secrets
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.fault import PrivateRedis  # noqa: E402


def environ_for(path, extra=None):
    """What gunicorn hands the application for a plain GET of wrk's."""
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8401",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "127.0.0.1:8401",
        "HTTP_USER_AGENT": "wrk",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        **(extra or {}),
    }


def call(application, path, extra=None):
    status = []
    body = b"".join(
        application(environ_for(path, extra), lambda s, h, e=None: status.append(s))
    )
    return status[0], body


def per_request_us(application, path, requests, repeat, extra=None):
    """(wall, this process's CPU) microseconds per request, best batches."""
    wall = cpu = None
    for _ in range(repeat):
        started, used = time.perf_counter(), time.process_time()
        for _ in range(requests):
            call(application, path, extra)
        elapsed = (time.perf_counter() - started) / requests * 1e6
        spent = (time.process_time() - used) / requests * 1e6
        wall = elapsed if wall is None else min(wall, elapsed)
        cpu = spent if cpu is None else min(cpu, spent)
    return wall, cpu


def redis_us_per_call(client):
    """Redis's own time per EVALSHA (INFO commandstats), since its reset."""
    stats = client.info("commandstats").get("cmdstat_evalsha")
    return stats["usec_per_call"] if stats else 0.0


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--profile", choices=["article", "home", "agency"])
    parser.add_argument("--gzip", action="store_true", help="Accept-Encoding: gzip")
    args = parser.parse_args(argv)
    redis = PrivateRedis()
    os.environ.update(
        DJANGO_SETTINGS_MODULE="newsroom.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(40),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECURE_SSL_REDIRECT="false",
        DJANGO_STATIC_ROOT=str(Path(__file__).parent / "out" / "static"),
        DJANGO_LOG_LEVEL="WARNING",
        REDIS_URL=redis.url,
    )
    try:
        # Django is set up by the WSGI module: the models come after it.
        application = importlib.import_module("newsroom.wsgi").application
        from articles.models import Agency, Article

        article = Article.objects.published().order_by("-pk").first()
        agency = Agency.objects.filter(pk=article.agency_id).first()
        paths = {
            "article": article.get_absolute_url(),
            "home": "/",
            "agency": f"/agency/{agency.slug}/",
        }
        extra = {"HTTP_ACCEPT_ENCODING": "gzip, deflate"} if args.gzip else None
        for page, path in paths.items():
            for _ in range(2):  # rendered and stored, then served from Redis
                status, body = call(application, path, extra)
                assert status.startswith("200"), (path, status)
            print(f"{page:8} {len(body):7,} bytes sent")
        for page, path in paths.items():
            redis.client.config_resetstat()
            wall, cpu = per_request_us(
                application, path, args.requests, args.repeat, extra
            )
            print(
                f"{page:8} {wall:7.1f} us per request, {cpu:6.1f} us of CPU here, "
                f"{redis_us_per_call(redis.client):5.1f} us in Redis"
            )
        if args.profile:
            profile = cProfile.Profile(time.process_time)  # CPU, not waits
            profile.enable()
            for _ in range(args.requests):
                call(application, paths[args.profile], extra)
            profile.disable()
            out = io.StringIO()
            pstats.Stats(profile, stream=out).sort_stats("tottime").print_stats(30)
            print(out.getvalue())
    finally:
        redis.kill()


if __name__ == "__main__":
    main()
