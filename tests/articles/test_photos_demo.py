"""seed_demo's photos: drawn scenes on more than a third of the demo news, each
with alt text, a caption and a credit, added once."""

from pathlib import Path

import pytest
from django.conf import settings
from PIL import Image

from articles.demo_photos import DEMO_PHOTOS
from articles.models import Article, Photo
from articles.services.demo import demo_seed

pytestmark = pytest.mark.django_db


def test_a_third_of_the_demo_news_has_captioned_credited_photos(client):
    result = demo_seed(editor_password="demo-photos-1")
    demo = Article.objects.filter(legacy_id__isnull=True)
    pictured = demo.filter(lead_photo__isnull=False)
    assert pictured.count() * 3 >= demo.count()
    assert pictured.count() == len(DEMO_PHOTOS)
    assert result["photos"] == Photo.objects.count()
    assert demo.filter(photos__position=2).exists()  # some have a gallery
    for photo in Photo.objects.all():
        assert photo.alt and photo.caption and photo.credit
        assert photo.article.lead_photo_id is not None
        with Image.open(
            Path(settings.MEDIA_ROOT) / photo.renditions[-1]["webp"]
        ) as webp:
            assert webp.size == (1200, 800)
    # The home page shows them: the featured lead story and the cards.
    home = client.get("/").content.decode()
    assert home.count('class="card has-photo"') >= 5
    assert 'class="card"' in home  # and the articles without one


def test_seeding_again_adds_no_photo():
    demo_seed(editor_password="demo-photos-1")
    count = Photo.objects.count()
    assert demo_seed()["photos"] == 0
    assert Photo.objects.count() == count
