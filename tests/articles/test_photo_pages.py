"""Where photos show: the lead photo with caption and credit at the top of the
article, the others as a gallery after the body, a thumbnail on every card,
and list pages that fetch those thumbnails in their one query."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image

from articles.models import Topic
from articles.services.photos import photo_create, photos_update
from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(agency):
    return make_user("photo-pages", agencies=[agency])


def add_photo(article, editor, n, **text):
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 1000), (20 * n, 90, 140)).save(buffer, "JPEG")
    upload = SimpleUploadedFile(f"{n}.jpg", buffer.getvalue(), "image/jpeg")
    return photo_create(
        file=upload, article=article, user=editor, alt=f"ภาพที่ {n}", **text
    )


def section(html, start, end):
    return html.split(start, 1)[1].split(end, 1)[0]


def test_lead_photo_on_top_and_the_others_as_a_gallery(client, editor):
    article = make_article(title="งานกาชาดพะเยา")
    first = add_photo(article, editor, 1, caption="พิธีเปิด", credit="ประชาสัมพันธ์")
    second = add_photo(article, editor, 2, caption="ร้านค้า")
    third = add_photo(article, editor, 3, caption="ผู้ว่าฯ", credit="สมชาย ใจดี")
    rows = [
        {
            "id": p.pk,
            "alt": p.alt,
            "caption": p.caption,
            "credit": p.credit,
            "position": n,
        }
        for n, p in enumerate((first, second, third))
    ]
    photos_update(article=article, user=editor, rows=rows, lead_id=third.pk)
    html = client.get(article.get_absolute_url()).content.decode()
    lead = section(html, '<figure class="lead-figure">', "</figure>")
    assert 'alt="ภาพที่ 3"' in lead
    assert "ผู้ว่าฯ" in lead and "ภาพ: สมชาย ใจดี" in lead
    assert f'href="{third.image.url}"' in lead
    assert f'srcset="{third.srcset_webp}"' in lead and 'type="image/webp"' in lead
    # The first image of the page is fetched at once, with its size.
    assert 'loading="lazy"' not in lead and 'fetchpriority="high"' in lead
    assert re.search(r'width="\d+" height="\d+"', lead)
    # The lead photo comes before the body, the gallery after it.
    assert html.index("lead-figure") < html.index('class="body"')
    gallery = section(html, '<section class="gallery"', "</section>")
    assert html.index('class="body"') < html.index('<section class="gallery"')
    assert gallery.count("<figure>") == 2
    assert 'alt="ภาพที่ 1"' in gallery and 'alt="ภาพที่ 2"' in gallery
    assert 'alt="ภาพที่ 3"' not in gallery
    assert gallery.count('loading="lazy"') == 2
    assert f'href="{first.image.url}"' in gallery and "ภาพ: ประชาสัมพันธ์" in gallery
    assert "<script" not in gallery


def test_a_photo_placed_in_the_body_is_not_shown_twice(client, editor):
    article = make_article()
    inline = add_photo(article, editor, 1)
    add_photo(article, editor, 2)
    article.body = f'<p>ข่าว</p><img src="{inline.display.url}" alt="ในเนื้อข่าว">'
    article.save()
    html = client.get(article.get_absolute_url()).content.decode()
    # The lead photo (the first, by default) is shown where the body has it,
    # not again on top; the other one is the gallery.
    assert "lead-figure" not in html
    gallery = section(html, '<section class="gallery"', "</section>")
    assert 'alt="ภาพที่ 2"' in gallery and gallery.count("<figure>") == 1
    assert html.count(f'src="{inline.display.url}"') == 1


def test_an_article_without_photos_has_no_empty_boxes(client):
    article = make_article(title="ข่าวไม่มีภาพ")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "lead-figure" not in html and '<section class="gallery"' not in html
    home = client.get("/").content.decode()
    card = section(home, '<article class="card">', "</article>")
    assert "ข่าวไม่มีภาพ" in card and "<img" not in card and "card-photo" not in card


def test_every_list_shows_the_lead_thumbnail(client, editor, agency):
    topic = Topic.objects.create(slug="events", name="กิจกรรม")
    pictured = make_article(title="ข่าวมีภาพลำไย", body="<p>ลำไยพะเยา</p>")
    pictured.topics.add(topic)
    photo = add_photo(pictured, editor, 1)
    newer = make_article(title="ข่าวใหม่ลำไยพะเยา", body="<p>ลำไยพะเยา</p>")
    link = (
        f'<a class="card-photo" href="{pictured.get_absolute_url()}"'
        ' tabindex="-1" aria-hidden="true">'
    )
    pages = [
        agency.get_absolute_url(),
        "/province/phayao/",
        topic.get_absolute_url(),
        "/search/?q=ลำไย",
        newer.get_absolute_url(),  # related news
    ]
    for url in pages:
        html = client.get(url).content.decode()
        assert link in html, url
        thumbnail = section(html, link, "</a>")
        # Beside a title that says it all: the picture adds no words.
        assert f'srcset="{photo.srcset_webp}"' in thumbnail, url
        assert 'alt=""' in thumbnail, url
        # The first image of a list is fetched at once, the others lazily.
        first = url in pages[:3]
        assert ("fetchpriority" in thumbnail) is first, url
        assert ('loading="lazy"' in thumbnail) is not first, url
    # The home page shows it as its lead story instead, fetched at once.
    home = client.get("/").content.decode()
    story = section(home, '<article class="lead-story">', "</article>")
    assert f'srcset="{photo.srcset_webp}"' in story and "fetchpriority" in story


def test_list_pages_fetch_thumbnails_in_a_fixed_number_of_queries(client, editor):
    def queries(url):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    for n in range(3):
        add_photo(make_article(title=f"ข่าวภาพ {n}"), editor, n)
    few = {url: queries(url) for url in ("/", "/agency/pr-phayao/")}
    for n in range(3, 15):
        add_photo(make_article(title=f"ข่าวภาพ {n}"), editor, n)
    make_article(title="ข่าวไม่มีภาพ")
    many = {url: queries(url) for url in ("/", "/agency/pr-phayao/")}
    assert many == few
    html = client.get("/agency/pr-phayao/").content.decode()
    assert html.count('class="card has-photo"') == 15
    assert html.count("fetchpriority") == 1 and html.count('loading="lazy"') == 14
