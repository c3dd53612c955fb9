"""Reads buffered in Redis: exact counts, batches applied once, nothing lost."""

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.test import override_settings

from articles.models import DailyRead, ReadFlush, ReadTotal
from articles.read_buffer import get_buffer
from articles.services.reads import bangkok_today, reads_flush
from tests.articles.redis_db import REDIS_URL, delete_keys, needs_redis
from tests.factories import make_article

ROOT = Path(__file__).resolve().parents[2]
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Chrome/126"


pytestmark = [
    pytest.mark.django_db,
    needs_redis,
]


@pytest.fixture
def buffered():
    prefix = f"newsroom-test:{uuid.uuid4().hex}:"
    with override_settings(
        READS_REDIS_URL=REDIS_URL, READS_REDIS_PREFIX=prefix, READS_FLUSH_SECONDS=0
    ):
        yield get_buffer()
    delete_keys(prefix)


def stored(article):
    total = ReadTotal.objects.get(article=article).total
    day = DailyRead.objects.filter(article=article, day=bangkok_today()).first()
    return total, day.count if day else 0


def test_buffered_reads_show_at_once_and_reach_the_database_on_flush(
    client, agency, buffered
):
    article = make_article(reads=45)
    for expected in (46, 47, 48):
        html = client.get(article.get_absolute_url(), HTTP_USER_AGENT=BROWSER)
        assert f'<span class="read-count">{expected}</span>' in html.content.decode()
    assert stored(article) == (45, 0)
    assert buffered.pending_total() == 3
    assert reads_flush() == 3
    assert stored(article) == (48, 3)
    assert reads_flush() == 0
    assert stored(article) == (48, 3)
    # The shown count carries on from the flushed total.
    html = client.get(article.get_absolute_url(), HTTP_USER_AGENT=BROWSER)
    assert '<span class="read-count">49</span>' in html.content.decode()


def test_a_flush_over_many_statements_counts_every_article_exactly(
    client, agency, buffered, monkeypatch
):
    from articles.services import reads

    monkeypatch.setattr(reads, "ROWS_PER_STATEMENT", 2)
    articles = [make_article(reads=10 * i) for i in range(5)]
    ReadTotal.objects.filter(article__in=articles[1:3]).delete()  # no row yet
    for i, article in enumerate(articles):
        for _ in range(i + 1):
            client.get(article.get_absolute_url(), HTTP_USER_AGENT=BROWSER)
    assert reads_flush() == 15
    expected = [(i + 1 if 1 <= i <= 2 else 11 * i + 1, i + 1) for i in range(5)]
    assert [stored(article) for article in articles] == expected


def test_a_batch_is_applied_once_even_if_the_flusher_dies_after_commit(
    client, agency, buffered
):
    from articles.services import reads

    article = make_article(reads=0)
    for _ in range(5):
        client.get(article.get_absolute_url(), HTTP_USER_AGENT=BROWSER)

    def apply_then_die(batch, totals, days):
        reads._apply_batch(batch, totals, days)
        raise KeyboardInterrupt("killed between the commit and the clean-up")

    with pytest.raises(KeyboardInterrupt):
        buffered.flush(apply_then_die)
    assert stored(article) == (5, 5)
    assert reads_flush() == 5  # the same batch, recognised and cleaned up
    assert stored(article) == (5, 5)
    assert ReadFlush.objects.count() == 1
    assert buffered.pending_total() == 0


def test_reads_of_a_killed_worker_are_not_lost(agency, buffered):
    article = make_article(reads=10)
    script = (
        "import sys, datetime, zoneinfo;"
        "from articles.read_buffer import ReadBuffer;"
        f"b = ReadBuffer({REDIS_URL!r}, {buffered.prefix!r});"
        # The Bangkok day, as the site counts it (the process clock is UTC).
        "day = datetime.datetime.now(zoneinfo.ZoneInfo('Asia/Bangkok')).date();"
        "n = 0\n"
        "while True:\n"
        f"    b.record({article.pk}, day, 10); n += 1\n"
        "    print(n, flush=True)\n"
    )
    worker = subprocess.Popen(
        [sys.executable, "-c", script],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "newsroom.settings.test"},
    )
    acknowledged = 0
    deadline = time.monotonic() + 30
    while acknowledged < 200 and time.monotonic() < deadline:
        acknowledged = int(worker.stdout.readline())
    worker.send_signal(signal.SIGKILL)
    worker.wait()
    # Lines already written before the kill are acknowledgements too.
    for line in worker.stdout.read().split():
        acknowledged = int(line)
    reads_flush()
    total, _ = stored(article)
    assert acknowledged >= 200
    # Every acknowledged read is stored; at most the one in flight when killed more.
    assert 10 + acknowledged <= total <= 10 + acknowledged + 1
