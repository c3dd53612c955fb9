import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _clear_cache():
    # Cached pages and counters must not leak from one test into the next, nor
    # the page generation a test's rolled-back transaction moved.
    from articles.fragments import fragments_forget
    from articles.pagecache.invalidation import forget_generation

    forget_generation()
    fragments_forget()
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def agency(db):
    from articles.models import Agency

    return Agency.objects.get(slug="pr-phayao")


@pytest.fixture
def other_agency(db):
    from articles.models import Agency

    return Agency.objects.get(slug="pr-lampang")
