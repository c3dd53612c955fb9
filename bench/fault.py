"""The fault round: Redis killed for 5 s during an article load, then started
again (empty: no persistence), with the site as deployed on a Redis of its own.

Reported: article answers that were errors (target 0), reads acknowledged (200
answers) against reads counted in the database (target equal), and the seconds
from Redis's restart until the fast path is back (the first page Redis serves:
its keyspace_hits moves).

Alone, on a database already filled (bench/generate.py) and migrated:

    DATABASE_URL=postgres://... python bench/fault.py [--port 8411]
"""

import argparse
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.servers import ROOT, Server, probe, warm, wrk  # noqa: E402

OUTAGE_SECONDS = 5
LOAD_BEFORE_SECONDS = 3
CONNECTIONS = 16


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PrivateRedis:
    def __init__(self):
        self.port = _free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None
        self.start()

    def start(self):
        import redis

        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1"]
            + ["--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.client = redis.Redis(port=self.port, socket_timeout=1)
        for _ in range(100):
            try:
                self.client.ping()
                return
            except redis.RedisError:
                time.sleep(0.05)
        raise SystemExit("redis-server did not start")

    def kill(self):
        self.process.kill()
        self.process.wait()


def fault_round(args, env, files, out, quiet, max_drain):
    """The round's figures, or None without redis-server."""
    if shutil.which("redis-server") is None:
        return None
    redis = PrivateRedis()
    app = Server(
        "newsroom.wsgi:application",
        args.port,
        dict(env, REDIS_URL=redis.url),
        out / "gunicorn-fault.log",
    )
    try:
        app.wait_ready("/robots.txt")
        warm(app.url, files["article"])
        # The warm-up's reads are counted too: written before the "before".
        time.sleep(3 * float(env.get("DJANGO_READS_FLUSH_SECONDS", "2")) + 1)
        done_dir = out / "fault-done"
        shutil.rmtree(done_dir, ignore_errors=True)
        done_dir.mkdir()
        counted_seconds = LOAD_BEFORE_SECONDS + OUTAGE_SECONDS + 7
        before = probe(["sums"], env)
        result = {}

        def load():
            result["wrk"] = wrk(
                app.url,
                out.parent / "count.lua",
                [files["article"], counted_seconds, done_dir, quiet],
                connections=CONNECTIONS,
                duration=counted_seconds + max_drain,
                timeout=counted_seconds + max_drain,
                done_dir=done_dir,
            )

        thread = threading.Thread(target=load)
        thread.start()
        time.sleep(LOAD_BEFORE_SECONDS)
        redis.kill()
        time.sleep(OUTAGE_SECONDS)
        redis.start()
        restarted = time.monotonic()
        back_s = None
        while thread.is_alive() and back_s is None:
            if redis.client.info("stats")["keyspace_hits"] > 0:
                back_s = round(time.monotonic() - restarted, 2)
            time.sleep(0.05)
        thread.join()
        app.settle()
        time.sleep(3 * float(env.get("DJANGO_READS_FLUSH_SECONDS", "2")) + 1)
        after = probe(["sums"], env)
        figures = result["wrk"]
        figures.pop("raw", None)
        socket_errors = sum(figures[k] for k in ("connect", "read", "write", "timeout"))
        return {
            "errors": figures["article_failed"] + socket_errors,
            "article_failed": figures["article_failed"],
            "socket_errors": socket_errors,
            "acknowledged": figures["article_ok"],
            "unanswered": figures["article_unanswered"],
            "counted": after["read_total"] - before["read_total"],
            "counted_daily": after["daily_read"] - before["daily_read"],
            "fast_path_back_s": back_s,
            "outage_s": OUTAGE_SECONDS,
        }
    finally:
        app.stop()
        redis.kill()


def main(argv=None):
    parser = argparse.ArgumentParser(description="the fault round alone")
    parser.add_argument("--port", type=int, default=8411)
    parser.add_argument("--hot-articles", type=int, default=1000)
    args = parser.parse_args(argv)
    if not os.environ.get("DATABASE_URL"):
        raise SystemExit("DATABASE_URL: a filled, migrated PostgreSQL database")
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
    files = {"article": out / "paths-article.txt"}
    figures = fault_round(args, env, files, out, quiet=15, max_drain=120)
    print(json.dumps(figures, indent=1))
    if figures and figures["acknowledged"] != figures["counted"]:
        raise SystemExit("acknowledged and counted reads differ")


if __name__ == "__main__":
    main()
