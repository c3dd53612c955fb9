"""One server without Redis: cached pages are files every worker on the host
shares (articles/pagecache/local.py), current by the database's generation,
every read counted in the database at once."""

import re
import time
from importlib import import_module

import pytest
from django.apps import apps

from articles.models import PageGeneration, ReadTotal
from articles.pagecache.local import LocalStore
from articles.services.articles import article_unpublish, article_update
from tests.articles.wsgi_client import WSGIClient
from tests.factories import make_article, make_user

READS = re.compile(r"read-count\">(\d+)<")


@pytest.fixture
def local_site(settings, tmp_path):
    settings.REDIS_URL = ""
    settings.PAGE_CACHE_DIR = str(tmp_path / "pages")
    settings.PAGE_GENERATION_SECONDS = 0.0
    return tmp_path / "pages"


@pytest.fixture
def wsgi(local_site):
    return WSGIClient()


@pytest.fixture
def article(agency):
    return make_article(agency=agency, title="ข่าวแคชในเครื่อง", reads=10)


def test_store_expires_entries_and_claims_once(tmp_path):
    store = LocalStore(tmp_path)
    assert store.call("get", "a") is None
    assert store.call("set", "a", b"page", ex=60) is True
    assert store.call("get", "a") == b"page"
    assert store.call("set", "claim", 1, nx=True, ex=60) is True
    assert store.call("set", "claim", 1, nx=True, ex=60) is False
    store.call("set", "gone", b"old", ex=-1)
    assert store.call("get", "gone") is None
    assert store.call("set", "gone", 1, nx=True, ex=60) is True  # expired: free
    store.call("delete", "a")
    assert store.call("get", "a") is None
    with pytest.raises(ValueError):
        store.call("flushall")


def test_store_is_bounded(tmp_path):
    store = LocalStore(tmp_path)
    for n in range(30):
        store.call("set", f"page-{n}", b"x" * 100, ex=60)
    store.call("set", "expired", b"x", ex=-1)
    store.prune(max_files=10)
    names = [p.name for p in tmp_path.iterdir()]
    assert len(names) == 10
    assert store.call("get", "page-29") == b"x" * 100  # the newest are kept
    assert store.call("get", "page-0") is None


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["home", "agency", "article"])
def test_second_visit_is_answered_from_the_directory(wsgi, local_site, article, page):
    url = {
        "home": "/",
        "agency": f"/agency/{article.agency.slug}/",
        "article": article.get_absolute_url(),
    }[page]
    first = wsgi.get(url)
    second = wsgi.get(url)
    assert first.status_code == second.status_code == 200
    assert wsgi.django_calls == 1, "the cached page went through Django"
    assert "ข่าวแคชในเครื่อง" in second.text
    assert READS.sub("", first.text) == READS.sub("", second.text)
    assert not second.header("Set-Cookie")
    assert any(local_site.iterdir())


@pytest.mark.django_db
def test_each_read_is_counted_in_the_database_at_once(wsgi, article):
    url = article.get_absolute_url()
    shown = [READS.search(wsgi.get(url).text)[1] for _ in "abc"]
    assert shown == ["11", "12", "13"]  # the first rendered, then from the files
    wsgi.get(url, method="HEAD")
    wsgi.get(url, agent="Mozilla/5.0 (compatible; Googlebot/2.1)")
    assert wsgi.django_calls == 1
    assert ReadTotal.objects.get(article=article).total == 13


@pytest.mark.django_db
def test_a_change_shows_on_the_next_request(wsgi, article):
    editor = make_user("local-pages-editor", agencies=[article.agency])
    assert "ข่าวแคชในเครื่อง" in wsgi.get("/").text
    wsgi.get(article.get_absolute_url())
    article_update(
        article=article,
        user=editor,
        version=article.version,
        title="หัวข้อใหม่ในเครื่อง",
        body=article.body,
    )
    assert "หัวข้อใหม่ในเครื่อง" in wsgi.get("/").text
    assert "หัวข้อใหม่ในเครื่อง" in wsgi.get(article.get_absolute_url()).text
    article.refresh_from_db()
    article_unpublish(article=article, user=editor)
    assert wsgi.get(article.get_absolute_url()).status_code == 404
    assert "หัวข้อใหม่ในเครื่อง" not in wsgi.get("/").text


@pytest.mark.django_db
def test_a_new_database_never_meets_the_pages_of_an_old_one():
    # The pages directory outlives `rm db.sqlite3 && make run`: the old
    # database's pages are under small generations, a new one starts at the clock.
    migration = import_module("articles.migrations.0018_page_generation_start")
    PageGeneration.objects.filter(pk=1).update(value=5)
    before = int(time.time() * 1000)
    migration.start_at_the_clock(apps, None)
    assert PageGeneration.objects.get(pk=1).value >= before
    ahead = before + 10**9
    PageGeneration.objects.filter(pk=1).update(value=ahead)
    migration.start_at_the_clock(apps, None)
    assert PageGeneration.objects.get(pk=1).value == ahead  # never moves back


@pytest.mark.django_db
def test_a_page_from_the_directory_is_sent_gzip_with_its_count(wsgi, article):
    gzip_client = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}
    url = article.get_absolute_url()
    wsgi.get(url)
    packed = wsgi.get(url, meta=gzip_client)
    assert wsgi.django_calls == 1
    assert packed.header("Content-Encoding") == ["gzip"]
    assert READS.search(packed.text)[1] == "12"  # the holes filled in
    assert "ข่าวแคชในเครื่อง" in packed.text
