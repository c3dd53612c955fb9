"""One server without Redis, as deployed (gunicorn.conf.py, 2 workers,
production settings, REDIS_URL unset): pages are cached in the host's directory,
a change made by another process shows on the next request, every read counted."""

import re
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.articles.redis_db import free_port, real_clock_environ

ROOT = Path(__file__).resolve().parent.parent.parent
BIN = Path(sys.executable).parent
READS = re.compile(r"read-count\">(\d+)<")


class Site:
    def __init__(self):
        self.dir = Path(tempfile.mkdtemp(prefix="newsroom-local-"))
        self.db = self.dir / "db.sqlite3"
        self.port = free_port()
        self.env = {
            **real_clock_environ(),
            "DJANGO_SETTINGS_MODULE": "newsroom.settings.production",
            "DJANGO_SECRET_KEY": "local-workers-" + "x" * 40,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_SECURE_SSL_REDIRECT": "false",
            "DJANGO_STATIC_ROOT": str(self.dir / "static"),
            "DJANGO_LOG_LEVEL": "WARNING",
            "DATABASE_URL": f"sqlite:///{self.db}",
            "DJANGO_PAGE_CACHE_DIR": str(self.dir / "pages"),
            "DJANGO_CACHE_DIR": str(self.dir / "cache"),
        }
        self.env.pop("REDIS_URL", None)
        self.manage("migrate", "--noinput", "-v0")
        self.manage("collectstatic", "--noinput", "-v0")
        self.article = int(self.shell("print(make_article(title='ข่าวเดิม').pk)"))
        self.log = open(self.dir / "gunicorn.log", "ab")  # noqa: SIM115
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

    def shell(self, code):
        """Run `code` in another process, with the test factories imported."""
        prelude = "from tests.factories import make_article;"
        return self.manage("shell", "-c", prelude + code).split()[-1]

    def wait_ready(self):
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/robots.txt")
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("gunicorn did not start")

    def get(self, path):
        url = f"http://127.0.0.1:{self.port}{path}"
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode()

    def total(self):
        with sqlite3.connect(self.db, timeout=10) as db:
            row = db.execute(
                "SELECT total FROM articles_readtotal WHERE article_id = ?",
                (self.article,),
            ).fetchone()
        return row[0] if row else 0

    def stop(self):
        self.master.terminate()
        self.master.wait(30)
        self.log.close()


@pytest.fixture(scope="module")
def site():
    site = Site()
    yield site
    site.stop()


def test_pages_are_cached_in_the_shared_directory(site):
    for _ in range(4):
        assert "ข่าวเดิม" in site.get("/")
        site.get(f"/news/{site.article}/")
    assert len(list((site.dir / "pages").iterdir())) >= 2


def test_an_article_published_by_another_process_shows_on_the_next_request(site):
    site.get("/")
    new = site.shell("print(make_article(title='ข่าวจากอีกกระบวนการ').pk)")
    for _ in range(6):  # both workers: each sees the new generation at once
        assert "ข่าวจากอีกกระบวนการ" in site.get("/")
    assert "ข่าวจากอีกกระบวนการ" in site.get(f"/news/{new}/")


def test_every_read_is_counted_in_the_database(site):
    before = site.total()
    shown = [int(READS.search(site.get(f"/news/{site.article}/"))[1]) for _ in "abcde"]
    assert site.total() == before + 5
    assert shown == list(range(before + 1, before + 6))


def test_a_second_page_appears_as_soon_as_another_process_fills_it(site):
    # A server started before seed_demo: the page count is not kept stale.
    with pytest.raises(urllib.error.HTTPError) as missing:
        site.get("/?page=2")
    assert missing.value.code == 404
    site.shell("[make_article(title=f'ข่าวเพิ่ม {n}') for n in range(25)]; print(1)")
    assert "ข่าวเพิ่ม" in site.get("/?page=2")
