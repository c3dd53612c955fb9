"""RSS 2.0 feeds: valid XML, newest first, 50 items, ISO dates beside pubDate."""

import xml.etree.ElementTree as ET
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime
from html import escape
from html.parser import HTMLParser

from django.utils import timezone

from articles.models import Article
from tests.factories import make_article

DC = "{http://purl.org/dc/elements/1.1/}"


def _channel(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    for required in ("title", "link", "description"):
        assert channel.findtext(required)
    return channel


def test_latest_feed_lists_the_newest_published_articles(client, agency):
    now = timezone.now()
    old = make_article(title="ข่าวเก่า", published_at=now - timedelta(days=2))
    new = make_article(title="ข่าวใหม่", lead="<p>สรุปข่าวใหม่</p>", published_at=now)
    make_article(title="ฉบับร่าง", status=Article.Status.DRAFT)
    make_article(title="ตั้งเวลาไว้", published_at=now + timedelta(hours=3))
    items = _channel(client, "/feeds/latest.xml").findall("item")
    assert [i.findtext("title") for i in items] == ["ข่าวใหม่", "ข่าวเก่า"]
    first = items[0]
    assert first.findtext("link") == f"http://testserver{new.get_absolute_url()}"
    assert first.findtext("description") == "สรุปข่าวใหม่"
    published = parsedate_to_datetime(first.findtext("pubDate"))
    assert abs(published - new.published_at) < timedelta(seconds=1)
    iso = datetime.fromisoformat(first.findtext(f"{DC}date"))
    assert abs(iso - new.published_at) < timedelta(seconds=1)
    assert old.get_absolute_url() in items[1].findtext("link")


def test_latest_feed_stops_at_fifty_items(client, agency):
    for _ in range(53):
        make_article()
    assert len(_channel(client, "/feeds/latest.xml").findall("item")) == 50


def test_agency_feed_lists_only_that_agency(client, agency, other_agency):
    mine = make_article(agency=agency, title="ข่าวพะเยา")
    make_article(agency=other_agency, title="ข่าวลำปาง")
    channel = _channel(client, "/feeds/agency/pr-phayao.xml")
    assert "สำนักงานประชาสัมพันธ์จังหวัดพะเยา" in channel.findtext("title")
    assert [i.findtext("title") for i in channel.findall("item")] == [mine.title]


def test_unknown_agency_feed_is_404(client, db):
    assert client.get("/feeds/agency/no-such-agency.xml").status_code == 404


class _Rendered(HTMLParser):
    """What a feed reader shows of a description: readers take it as HTML."""

    def __init__(self, markup):
        super().__init__(convert_charrefs=True)
        self.tags, self.parts = [], []
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        self.tags.append(f"/{tag}")

    def handle_data(self, data):
        self.parts.append(data)

    @property
    def text(self):
        return "".join(self.parts)


def _description(client):
    return _channel(client, "/feeds/latest.xml").find("item").findtext("description")


def test_feed_escapes_markup_in_text(client, agency):
    make_article(title='ข่าว <b>&amp; "อ้าง"</b>', lead="<p>a &lt; b</p>")
    item = _channel(client, "/feeds/latest.xml").find("item")
    assert item.findtext("title") == 'ข่าว <b>&amp; "อ้าง"</b>'
    rendered = _Rendered(item.findtext("description"))
    assert rendered.tags == [] and rendered.text == "a < b"


def test_markup_typed_as_text_reaches_a_reader_as_text(client, agency):
    # An editor wrote the markup as words: the body stores it escaped, as text.
    typed = "<img src=x onerror=alert(1)>"
    make_article(body=f"<p>ตัวอย่าง {escape(typed)} จบ</p>")
    rendered = _Rendered(_description(client))
    assert rendered.tags == []
    assert rendered.text == f"ตัวอย่าง {typed} จบ"


def test_description_is_plain_text_of_the_body(client, agency):
    make_article(
        body=(
            "<p>ย่อหน้า<strong>แรก</strong> &amp; ต่อ</p>\n\n"
            "<ul><li>หนึ่ง</li><li>สอง</li></ul>" + "<p>ข่าวยาว</p>" * 200
        )
    )
    rendered = _Rendered(_description(client))
    assert rendered.tags == []
    assert rendered.text.startswith("ย่อหน้าแรก & ต่อ หนึ่ง สอง ข่าวยาว ข่าวยาว")
    assert "  " not in rendered.text and "\n" not in rendered.text
    # About 300 letters: Truncator does not count Thai vowel and tone marks.
    assert rendered.text.endswith("…") and len(rendered.text) <= 400
