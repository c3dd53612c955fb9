"""Fixtures shared by the desk tests: the seed_demo world, logged in as demo-phayao."""

import pytest
from django.contrib.auth import get_user_model

from articles.models import Article
from articles.services.demo import demo_seed
from tests.articles.redis_db import redis_server, redis_site  # noqa: F401 (fixtures)

DEMO_PASSWORD = "desk-test-password-9"


@pytest.fixture
def demo(db):
    """The seed_demo accounts and articles, with a known password."""
    demo_seed(editor_password=DEMO_PASSWORD)


@pytest.fixture
def phayao(client, demo):
    client.force_login(get_user_model().objects.get(username="demo-phayao"))
    return client


@pytest.fixture
def phayao_article(demo):
    return Article.objects.filter(agency__slug="pr-phayao").first()
