"""Redis faults: down, slow, full, flushed, restored from an old snapshot. The
public pages never answer 500, every read is counted once, and the fast path
comes back by itself."""

import threading
import time

import pytest

from articles.models import ReadTotal
from articles.pagecache import link as links
from articles.reads import read_count, reads_flush
from articles.services.articles import article_unpublish
from tests.articles.redis_db import needs_redis
from tests.articles.wsgi_client import WSGIClient
from tests.factories import make_article, make_user

pytestmark = [pytest.mark.django_db, needs_redis]


@pytest.fixture
def wsgi(redis_site):
    return WSGIClient()


@pytest.fixture
def article(agency):
    return make_article(agency=agency, title="ข่าวทนทาน", reads=100)


def pages(article):
    return ["/", f"/agency/{article.agency.slug}/", article.get_absolute_url()]


def visit_all(wsgi, article, times=1):
    for _ in range(times):
        for url in pages(article):
            response = wsgi.get(url)
            assert response.status_code == 200, url
            assert "ข่าวทนทาน" in response.text, url


def total(article):
    return ReadTotal.objects.get(article=article).total


def wait_for_fast_path(wsgi, url, seconds=5):
    """(seconds, GETs made) until a request for url is answered without Django."""
    started, gets = time.monotonic(), 0
    while time.monotonic() - started < seconds:
        before = wsgi.django_calls
        assert wsgi.get(url).status_code == 200
        gets += 1
        if wsgi.django_calls == before:
            return time.monotonic() - started, gets
        time.sleep(0.05)
    raise AssertionError("the fast path did not come back")


def test_redis_down_pages_from_the_database_reads_counted_exactly(
    wsgi, redis_site, article
):
    visit_all(wsgi, article, times=3)  # 3 reads: buffered in Redis and memory
    redis_site.kill()  # no persistence: whatever Redis held is gone
    visit_all(wsgi, article, times=4)  # 4 reads: counted in the database
    assert reads_flush() == 3  # the worker's memory had them
    assert total(article) == 107
    redis_site.start()
    seconds, gets = wait_for_fast_path(wsgi, article.get_absolute_url())
    assert seconds < 3  # the link's back-off, then Redis again
    visit_all(wsgi, article, times=2)
    reads_flush()
    assert total(article) == 107 + gets + 2


def test_a_slow_redis_is_a_redis_that_is_down(wsgi, redis_site, article):
    visit_all(wsgi, article)
    blocker = threading.Thread(target=redis_site.client().execute_command,
                               args=("DEBUG", "SLEEP", "1.5"))  # fmt: skip
    blocker.start()
    time.sleep(0.1)
    started = time.monotonic()
    visit_all(wsgi, article, times=3)
    assert time.monotonic() - started < 1.2  # tens of ms each, not the 1.5 s
    blocker.join()
    reads_flush()
    assert total(article) == 100 + 4


def test_a_redis_refusing_writes_leaves_pages_and_counts_to_the_database(
    wsgi, redis_site, article
):
    visit_all(wsgi, article)
    client = redis_site.client()
    client.config_set("maxmemory-policy", "noeviction")
    client.config_set("maxmemory", "1")
    visit_all(wsgi, article, times=3)
    client.config_set("maxmemory", "0")
    reads_flush()
    assert total(article) == 100 + 4


def test_failed_requests_leak_no_connection(wsgi, redis_site, article, monkeypatch):
    visit_all(wsgi, article)
    monkeypatch.setattr(links, "BACK_OFF_SECONDS", 0)  # every request tries Redis
    redis_site.kill()
    for _ in range(100):
        visit_all(wsgi, article)  # 300 requests, each failing on Redis
    redis_site.start()
    _, gets = wait_for_fast_path(wsgi, article.get_absolute_url())
    clients = redis_site.client().client_list()
    assert len(clients) <= links.MAX_CONNECTIONS + 1  # the pool's, and this one
    reads_flush()
    assert total(article) == 100 + 1 + 100 + gets


def test_an_old_snapshot_brings_back_no_page_and_counts_nothing_twice(
    wsgi, redis_site, article
):
    visit_all(wsgi, article, times=3)
    old = redis_site.snapshot()  # pages, and 3 journalled reads not yet written
    assert reads_flush() == 3
    editor = make_user("snapshot-desk", agencies=[article.agency])
    article.refresh_from_db()
    article_unpublish(article=article, user=editor)
    assert wsgi.get(article.get_absolute_url()).status_code == 404
    redis_site.restore(old)
    time.sleep(links.BACK_OFF_SECONDS)
    assert wsgi.get(article.get_absolute_url()).status_code == 404
    for url in pages(article)[:2]:
        assert "ข่าวทนทาน" not in wsgi.get(url).text
    reads_flush()  # the restored journal's batch is in the database already
    assert total(article) == 103


def test_a_flushed_redis_costs_renders_not_reads(wsgi, redis_site, article):
    visit_all(wsgi, article, times=2)
    redis_site.client().flushall()
    visit_all(wsgi, article, times=2)
    reads_flush()
    assert total(article) == 104


def test_reads_of_a_dead_worker_are_written_by_another(
    redis_site, article, monkeypatch
):
    from articles.reads import flusher
    from articles.reads.buffer import ReadBuffer
    from articles.reads.flusher import flush

    monkeypatch.setattr(flusher, "alive_seconds", lambda: 1.0)
    wsgi = WSGIClient()
    visit_all(wsgi, article, times=4)  # 4 reads buffered by "this worker"
    # This process stands for the dead one: a new worker adopts its journal.
    dead = links.link()
    survivor = ReadBuffer(dead)
    assert flush(survivor) == 0  # the dead worker may still be alive
    time.sleep(1.2)
    assert flush(survivor) == 4
    assert flush(survivor) == 0
    assert total(article) == 104
    # The "dead" worker, had it lived, finds its batch written: never twice.
    assert reads_flush() == 0
    assert total(article) == 104


def test_pages_answer_when_redis_was_never_there(settings, article):
    settings.REDIS_URL = f"redis://127.0.0.1:{_closed_port()}/0"
    wsgi = WSGIClient()
    visit_all(wsgi, article, times=2)
    assert total(article) == 102


def _closed_port():
    from tests.articles.redis_db import free_port

    return free_port()


def _journalled(redis_site):
    """Reads in every worker journal in Redis now."""
    from articles.reads.buffer import JOURNALS, journal_key

    client = redis_site.client()
    return sum(
        int(n)
        for batch in client.smembers(JOURNALS)
        for n in client.hvals(journal_key(batch.decode()))
    )


@pytest.mark.parametrize("path", ["cached", "rendered"])
def test_a_read_whose_answer_never_came_is_counted_once(
    redis_site, article, monkeypatch, path
):
    """A paused Redis runs the script it received once it resumes: the read is
    in the worker's journal although the worker saw a timeout. Whoever writes
    that batch (the worker, or one adopting its journal) counts it once."""
    import signal

    from articles.reads import flusher
    from articles.reads.buffer import ReadBuffer

    monkeypatch.setattr(flusher, "alive_seconds", lambda: 1.0)
    wsgi = WSGIClient()
    url = article.get_absolute_url()
    visit_all(wsgi, article)  # pages stored, 1 read
    redis_site.process.send_signal(signal.SIGSTOP)
    try:
        if path == "cached":
            assert wsgi.get(url).status_code == 200
        else:  # what the article view calls when Django renders the page
            assert read_count(article_id=article.pk, counted=True) >= 101
    finally:
        redis_site.process.send_signal(signal.SIGCONT)
    deadline = time.monotonic() + 5
    while _journalled(redis_site) < 2 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert _journalled(redis_site) == 2  # the paused script ran after all
    time.sleep(1.2)  # "this worker" now looks dead: another adopts its journal
    assert flusher.flush(ReadBuffer(links.link())) == 2
    reads_flush()
    assert total(article) == 102
