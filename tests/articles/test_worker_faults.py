"""gunicorn as deployed (gunicorn.conf.py, 2 workers, production settings) on a
Redis of the test's own: a SIGKILLed worker, a graceful reload and a Redis
outage under requests lose no acknowledged read and answer no 500."""

import os
import signal
import time
import urllib.error
import urllib.request

import pytest

from tests.articles.deployment import Deployment
from tests.articles.redis_db import RedisServer, needs_redis

pytestmark = needs_redis


class Site(Deployment):
    def __init__(self):
        self.redis = RedisServer()
        super().__init__(
            prefix="newsroom-workers-",
            env={"REDIS_URL": self.redis.url, "DJANGO_READS_FLUSH_SECONDS": "0.5"},
        )
        self.article = self.make_article("ข่าวคนงาน")
        self.url = f"http://127.0.0.1:{self.port}/news/{self.article}/"
        self.start()

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
        return super().total(self.article)

    def wait_total(self, expected, seconds=20):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and self.total() != expected:
            time.sleep(0.2)
        return self.total()

    def stop(self):
        super().stop()
        self.redis.stop()


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
