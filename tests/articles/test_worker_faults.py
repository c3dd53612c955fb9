"""gunicorn as deployed (gunicorn.conf.py, 2 workers, production settings) on a
Redis of the test's own: a SIGKILLed worker, a graceful reload and a Redis
outage under requests lose no acknowledged read and answer no 500."""

import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.articles.redis_db import (
    RedisServer,
    free_port,
    needs_redis,
    real_clock_environ,
)

pytestmark = needs_redis

ROOT = Path(__file__).resolve().parent.parent.parent
BIN = Path(sys.executable).parent


class Site:
    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="newsroom-workers-")
        self.db = os.path.join(self.dir, "db.sqlite3")
        self.redis = RedisServer()
        self.port = free_port()
        # A deployment of its own, on the real clock like its Redis: gunicorn's
        # arbiter takes workers whose heartbeat file looks old for hung ones.
        self.env = {
            **real_clock_environ(),
            "DJANGO_SETTINGS_MODULE": "newsroom.settings.production",
            "DJANGO_SECRET_KEY": "worker-faults-" + "x" * 40,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_SECURE_SSL_REDIRECT": "false",
            "DJANGO_STATIC_ROOT": os.path.join(self.dir, "static"),
            "DJANGO_LOG_LEVEL": "WARNING",
            "DATABASE_URL": f"sqlite:///{self.db}",
            "REDIS_URL": self.redis.url,
            "DJANGO_READS_FLUSH_SECONDS": "0.5",
        }
        self.manage("migrate", "--noinput", "-v0")
        self.manage("collectstatic", "--noinput", "-v0")
        script = (
            "from tests.factories import make_article;"
            "print(make_article(title='ข่าวคนงาน', reads=0).pk)"
        )
        self.article = int(self.manage("shell", "-c", script).split()[-1])
        self.url = f"http://127.0.0.1:{self.port}/news/{self.article}/"
        self.log = open(os.path.join(self.dir, "gunicorn.log"), "ab")  # noqa: SIM115
        command = [str(BIN / "gunicorn"), "newsroom.wsgi:application"]
        command += ["-c", str(ROOT / "gunicorn.conf.py")]
        command += ["-b", f"127.0.0.1:{self.port}"]
        self.master = subprocess.Popen(
            command, cwd=ROOT, env=self.env, stdout=self.log, stderr=self.log
        )
        self.wait_ready()

    def manage(self, *args):
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout

    def wait_ready(self):
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/robots.txt")
                if len(self.workers()) == 2:
                    return
            except OSError:
                pass
            time.sleep(0.1)
        raise RuntimeError("gunicorn did not start")

    def workers(self):
        found = []
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    stat = Path(f"/proc/{entry}/stat").read_text()
                except OSError:
                    continue
                if int(stat.rsplit(")", 1)[1].split()[1]) == self.master.pid:
                    found.append(int(entry))
        return found

    def read(self, count):
        """GET the article `count` times; returns the statuses."""
        statuses = []
        for _ in range(count):
            try:
                with urllib.request.urlopen(self.url, timeout=10) as response:
                    response.read()
                    statuses.append(response.status)
            except urllib.error.HTTPError as error:
                statuses.append(error.code)
        return statuses

    def total(self):
        with sqlite3.connect(self.db, timeout=10) as db:
            row = db.execute(
                "SELECT total FROM articles_readtotal WHERE article_id = ?",
                (self.article,),
            ).fetchone()
        return row[0] if row else 0

    def wait_total(self, expected, seconds=20):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and self.total() != expected:
            time.sleep(0.2)
        return self.total()

    def stop(self):
        self.master.terminate()
        self.master.wait(30)
        self.redis.stop()
        self.log.close()


@pytest.fixture(scope="module")
def site():
    site = Site()
    yield site
    site.stop()


def test_a_sigkilled_worker_loses_no_acknowledged_read(site):
    before = site.total()
    statuses = site.read(200)
    assert statuses == [200] * 200
    for pid in site.workers():
        os.kill(pid, signal.SIGKILL)  # their memory is gone; their journals not
    assert site.wait_total(before + 200) == before + 200
    site.wait_ready()


def test_a_graceful_reload_loses_no_acknowledged_read(site):
    before = site.total()
    assert site.read(150) == [200] * 150
    os.kill(site.master.pid, signal.SIGHUP)
    assert site.wait_total(before + 150) == before + 150
    site.wait_ready()
    # The old workers wrote their reads themselves: a Redis crash now costs none.
    site.redis.kill()
    site.redis.start()
    assert site.wait_total(before + 150, seconds=3) == before + 150


def test_a_redis_outage_under_requests_answers_no_500(site):
    before = site.total()
    statuses = site.read(100)
    site.redis.kill()
    statuses += site.read(100)
    site.redis.start()
    time.sleep(1.5)
    statuses += site.read(100)
    assert statuses == [200] * 300
    assert site.wait_total(before + 300) == before + 300
