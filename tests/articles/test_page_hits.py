"""Cached pages on Redis: one round trip per hit, the read counted in it exactly
once, and nothing counted for a miss (the view counts that one)."""

import re
import uuid

import pytest
from django.test import override_settings

from articles import page_hits
from articles.models import ReadTotal
from articles.read_buffer import get_buffer
from articles.search import generation
from articles.services.reads import reads_flush
from tests.articles.redis_db import REDIS_URL, delete_keys, needs_redis
from tests.articles.wsgi_client import WSGIClient
from tests.factories import make_article

READS = re.compile(r"read-count\">(\d+)<")


pytestmark = [
    pytest.mark.django_db,
    needs_redis,
]


@pytest.fixture
def redis_site():
    """The cache and the read buffer on one Redis, under this test's own keys."""
    run = uuid.uuid4().hex
    cache_prefix, reads_prefix = f"newsroom-test-cache-{run}", f"newsroom-test:{run}:"
    caches = {
        "default": {
            "BACKEND": "newsroom.cache.PooledRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": cache_prefix,
        }
    }
    with override_settings(
        CACHES=caches,
        REDIS_URL=REDIS_URL,
        READS_REDIS_URL=REDIS_URL,
        READS_REDIS_PREFIX=reads_prefix,
        READS_FLUSH_SECONDS=0,
    ):
        yield get_buffer()
    delete_keys(cache_prefix, reads_prefix)


@pytest.fixture
def round_trips(monkeypatch):
    calls = []
    original = page_hits._Hits._evalsha

    def counting(self, keys, args):
        calls.append(keys)
        return original(self, keys, args)

    monkeypatch.setattr(page_hits._Hits, "_evalsha", counting)
    return calls


def shown(response):
    return int(READS.search(response.text)[1])


def test_each_hit_is_one_round_trip_and_one_read(redis_site, round_trips, agency):
    article = make_article(agency=agency, reads=10)
    wsgi = WSGIClient()
    counts = [shown(wsgi.get(article.get_absolute_url())) for _ in range(5)]
    assert counts == [11, 12, 13, 14, 15]
    assert wsgi.django_calls == 1  # the first visit rendered it
    # The miss: one lookup, in front of Django (the view is told what it found);
    # then one per hit.
    assert len(round_trips) == 5
    assert redis_site.pending_total() == 5
    assert reads_flush() == 5
    assert ReadTotal.objects.get(article=article).total == 15


def test_a_miss_counts_nothing_before_the_view_counts_it(redis_site, agency):
    article = make_article(agency=agency, reads=3)
    wsgi = WSGIClient()
    wsgi.get(article.get_absolute_url())
    generation.bump()  # every cached page is now stale
    assert shown(wsgi.get(article.get_absolute_url())) == 5
    assert wsgi.django_calls == 2
    assert redis_site.pending_total() == 2


def test_expired_shown_count_is_read_from_the_database(redis_site, agency):
    article = make_article(agency=agency, reads=40)
    wsgi = WSGIClient()
    wsgi.get(article.get_absolute_url())
    reads_flush()
    redis_site.client.delete(redis_site.key(f"shown:{article.pk}"))
    assert shown(wsgi.get(article.get_absolute_url())) == 42
    assert wsgi.django_calls == 1
    assert redis_site.pending_total() == 1


def test_head_and_crawlers_see_the_count_without_adding(redis_site, agency):
    article = make_article(agency=agency, reads=7)
    wsgi = WSGIClient()
    wsgi.get(article.get_absolute_url())
    wsgi.get(article.get_absolute_url(), method="HEAD")
    bot = wsgi.get(article.get_absolute_url(), agent="facebookexternalhit/1.1")
    assert shown(bot) == 8
    assert redis_site.pending_total() == 1


def test_scripts_flushed_from_redis_are_loaded_again(redis_site, agency):
    article = make_article(agency=agency)
    wsgi = WSGIClient()
    wsgi.get(article.get_absolute_url())
    redis_site.client.script_flush()
    assert wsgi.get(article.get_absolute_url()).status_code == 200
    assert wsgi.django_calls == 1
    assert redis_site.pending_total() == 2


def test_a_worker_never_serves_a_page_it_holds_once_it_is_replaced(redis_site, agency):
    from django.core.cache import cache

    from articles import page_cache

    make_article(agency=agency, title="ข่าวที่ถือไว้")
    wsgi = WSGIClient()
    wsgi.get("/")
    assert "ข่าวที่ถือไว้" in wsgi.get("/").text  # now held by this worker
    key = page_cache.key_of("http", "testserver", "list::1", generation.current())
    entry = cache.get(key)
    page = page_cache.Page.from_entry(entry)
    page.content = page.content.replace("ข่าวที่ถือไว้".encode(), "ข่าวแทนที่".encode())
    cache.set(key, page.entry(page.headers))  # a re-render under the same key
    assert "ข่าวแทนที่" in wsgi.get("/").text
    assert "ข่าวแทนที่" in wsgi.get("/").text
    cache.delete(key)  # expired: a miss, whatever the worker holds
    assert "ข่าวที่ถือไว้" in wsgi.get("/").text
    assert wsgi.django_calls == 2


def test_held_pages_are_dropped_before_the_thai_dictionary_loads(
    redis_site, agency, monkeypatch
):
    from articles import thai

    make_article(agency=agency)
    wsgi = WSGIClient()
    wsgi.get("/")
    wsgi.get("/")
    assert page_hits._hits.held.size > 0
    held_at_load = []

    def load(words):
        held_at_load.append(page_hits._hits.held.size)
        return object()

    monkeypatch.setattr(thai, "_tokenizer", None)
    monkeypatch.setattr(thai, "_Nlpo3Newmm", load)
    thai._get_tokenizer()
    assert held_at_load == [0]
    assert wsgi.get("/").status_code == 200  # taken again from Redis
    assert page_hits._hits.held.size > 0
    assert wsgi.django_calls == 1


def test_a_most_read_block_stored_without_its_stamp_is_made_again(redis_site, agency):
    from django.core.cache import cache

    from articles import page_cache

    make_article(agency=agency)
    wsgi = WSGIClient()
    wsgi.get("/")
    # As blocks were stored before they carried a stamp.
    cache.set(page_cache.most_read_key(generation.current()), "<p>เก่า</p>")
    html = wsgi.get("/").text
    assert "<p>เก่า</p>" not in html
    assert 'class="most-read"' in html
