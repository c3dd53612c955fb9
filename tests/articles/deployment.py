"""A deployment of the test's own: gunicorn as deployed (gunicorn.conf.py, 2
workers, production settings) on a SQLite database of its own, on the real
clock (gunicorn's arbiter takes workers whose heartbeat file looks old under a
faked one for hung ones)."""

import os
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from tests.articles.redis_db import free_port, real_clock_environ

ROOT = Path(__file__).resolve().parent.parent.parent
BIN = Path(sys.executable).parent


class Deployment:
    def __init__(self, *, prefix, env):
        """Migrated and its static files collected; `env` adds to (or, with a
        None value, removes from) the production environment."""
        self.dir = Path(tempfile.mkdtemp(prefix=prefix))
        self.db = self.dir / "db.sqlite3"
        self.port = free_port()
        self.env = {
            **real_clock_environ(),
            "DJANGO_SETTINGS_MODULE": "newsroom.settings.production",
            "DJANGO_SECRET_KEY": prefix + "x" * 40,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_SECURE_SSL_REDIRECT": "false",
            "DJANGO_STATIC_ROOT": str(self.dir / "static"),
            "DJANGO_LOG_LEVEL": "WARNING",
            "DATABASE_URL": f"sqlite:///{self.db}",
        }
        for name, value in env.items():
            if value is None:
                self.env.pop(name, None)
            else:
                self.env[name] = value
        self.manage("migrate", "--noinput", "-v0")
        self.manage("collectstatic", "--noinput", "-v0")
        self.master = self.log = None

    def manage(self, *args):
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout

    def make_article(self, title):
        """An article made by another process (tests.factories); its id."""
        script = (
            "from tests.factories import make_article;"
            f"print(make_article(title={title!r}, reads=0).pk)"
        )
        return int(self.manage("shell", "-c", script).split()[-1])

    def start(self):
        self.log = open(self.dir / "gunicorn.log", "ab")  # noqa: SIM115
        command = [str(BIN / "gunicorn"), "newsroom.wsgi:application"]
        command += ["-c", str(ROOT / "gunicorn.conf.py")]
        command += ["-b", f"127.0.0.1:{self.port}"]
        self.master = subprocess.Popen(
            command, cwd=ROOT, env=self.env, stdout=self.log, stderr=self.log
        )
        self.wait_ready()

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

    def total(self, article_id):
        """The article's read total in the database, as the workers wrote it."""
        with sqlite3.connect(self.db, timeout=10) as db:
            row = db.execute(
                "SELECT total FROM articles_readtotal WHERE article_id = ?",
                (article_id,),
            ).fetchone()
        return row[0] if row else 0

    def stop(self):
        self.master.terminate()
        self.master.wait(30)
        self.log.close()
