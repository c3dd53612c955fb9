"""One server without Redis, as deployed (gunicorn.conf.py, 2 workers,
production settings, REDIS_URL unset): pages are cached in the host's directory,
a change made by another process shows on the next request, every read counted."""

import re
import urllib.error
import urllib.request

import pytest

from tests.articles.deployment import Deployment

READS = re.compile(r"read-count\">(\d+)<")


class Site(Deployment):
    def __init__(self):
        super().__init__(prefix="newsroom-local-", env={"REDIS_URL": None})
        # The host's shared directories, of this deployment's own.
        self.env["DJANGO_PAGE_CACHE_DIR"] = str(self.dir / "pages")
        self.env["DJANGO_CACHE_DIR"] = str(self.dir / "cache")
        self.article = self.make_article("ข่าวเดิม")
        self.start()

    def shell(self, code):
        """Run `code` in another process, with the test factories imported."""
        prelude = "from tests.factories import make_article;"
        return self.manage("shell", "-c", prelude + code).split()[-1]

    def get(self, path):
        url = f"http://127.0.0.1:{self.port}{path}"
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode()

    def total(self):
        return super().total(self.article)


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
