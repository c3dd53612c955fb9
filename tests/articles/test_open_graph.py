"""Link previews on LINE and elsewhere: Open Graph and Twitter card tags."""

import re
from datetime import UTC, datetime
from io import BytesIO

from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile
from PIL import Image

from articles.models import Photo
from tests.factories import make_article


def _meta(html):
    tags = {}
    for _attr, key, value in re.findall(
        r'<meta (property|name)="([^"]+)" content="([^"]*)">', html
    ):
        tags.setdefault(key, value)
    return tags


def test_article_page_carries_open_graph_tags(client, agency):
    article = make_article(
        title="เปิดงานลิ้นจี่",
        lead="<p>ผู้ว่าฯ เปิดงานเทศกาลลิ้นจี่และของดีเมืองพะเยา</p>",
        published_at=datetime(2024, 5, 20, 2, 0, tzinfo=UTC),
    )
    html = client.get(article.get_absolute_url()).content.decode()
    meta = _meta(html)
    url = f"http://testserver{article.get_absolute_url()}"
    assert meta["og:title"] == "เปิดงานลิ้นจี่"
    assert meta["og:description"] == "ผู้ว่าฯ เปิดงานเทศกาลลิ้นจี่และของดีเมืองพะเยา"
    assert meta["og:url"] == url
    assert meta["og:locale"] == "th_TH" and meta["og:type"] == "article"
    assert meta["article:published_time"] == "2024-05-20T02:00:00+00:00"
    assert meta["twitter:card"] == "summary_large_image"
    assert f'<link rel="canonical" href="{url}">' in html
    # No share picture of its own: the site default, absolute, 1200x630.
    assert meta["og:image"] == "http://testserver/static/img/share-default.png"
    assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "630")
    with Image.open(finders.find("img/share-default.png")) as image:
        assert image.size == (1200, 630)


def test_description_falls_back_to_the_first_sentence(client, agency):
    body = (
        "<p>จังหวัดพะเยาจัดกิจกรรมปล่อยพันธุ์ปลาคืนสู่กว๊านพะเยาเพื่อส่งเสริมอาชีพประมง "
        "ประโยคที่สองไม่ควรอยู่ในคำอธิบาย</p>"
    )
    article = make_article(title="ปล่อยปลา", lead="", body=body)
    meta = _meta(client.get(article.get_absolute_url()).content.decode())
    assert meta["og:description"] == (
        "จังหวัดพะเยาจัดกิจกรรมปล่อยพันธุ์ปลาคืนสู่กว๊านพะเยาเพื่อส่งเสริมอาชีพประมง"
    )


def test_article_share_picture_is_used_when_there_is_one(client, agency):
    article = make_article(title="มีภาพ")
    buffer = BytesIO()
    Image.new("RGB", (1200, 630), "navy").save(buffer, "JPEG")
    photo = Photo(agency=agency, article=article, width=1200, height=630)
    photo.image.save("cover.jpg", ContentFile(buffer.getvalue()), save=False)
    photo.share.save("cover-share.jpg", ContentFile(buffer.getvalue()), save=False)
    photo.save()
    meta = _meta(client.get(article.get_absolute_url()).content.decode())
    assert meta["og:image"] == f"http://testserver{photo.share.url}"


def test_every_page_has_a_canonical_link_and_default_preview(client, agency):
    for url in ("/", "/agency/pr-phayao/", "/search/?q=ข่าว"):
        html = client.get(url).content.decode()
        path = url.split("?")[0]
        assert f'<link rel="canonical" href="http://testserver{path}">' in html
        meta = _meta(html)
        assert meta["og:image"].startswith("http://testserver/")
        assert meta["og:locale"] == "th_TH"
