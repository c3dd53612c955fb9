"""Rich text from the desk form is cleaned before it is stored: no XSS vector
survives in the stored HTML or on the public page."""

import html
import re
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from articles.sanitize import ALLOWED_TAGS, clean_html
from tests.factories import make_user

pytestmark = pytest.mark.django_db

VECTORS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<img src=x onerror=alert(1)>",
    '<img src="x" ONERROR="alert(1)">',
    "<img src=x onerror\n=alert(1)>",
    '<img src="javascript:alert(1)">',
    '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
    '<a href="javascript:alert(1)">คลิก</a>',
    '<a href="JaVaScRiPt:alert(1)">คลิก</a>',
    '<a href=" javascript:alert(1)">คลิก</a>',
    '<a href="jav&#x09;ascript:alert(1)">คลิก</a>',
    (
        '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;'
        ':alert(1)">x</a>'
    ),
    '<a href="java\0script:alert(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="https://example.org" onclick="alert(1)">x</a>',
    '<a href="https://example.org" onmouseover=alert(1)>x</a>',
    '<p onmouseover="alert(1)">ข้อความ</p>',
    '<p style="background:url(javascript:alert(1))">ข้อความ</p>',
    '<p style="expression(alert(1))">x</p>',
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    '<math><mtext><table><mglyph><style><img src=x onerror="alert(1)">',
    '<math href="javascript:alert(1)">x</math>',
    '<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">x',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    '<body onload="alert(1)">',
    '<form action="javascript:alert(1)"><input type=submit></form>',
    '<button formaction="javascript:alert(1)">x</button>',
    '<input autofocus onfocus="alert(1)">',
    '<details open ontoggle="alert(1)">',
    '<video><source onerror="alert(1)"></video>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    '<link rel="stylesheet" href="javascript:alert(1)">',
    "<style>@import 'javascript:alert(1)';</style>",
    "<div><p><b><i>nested <script>alert(1)</script></b></p>",
    "<img/src=x/onerror=alert(1)>",
    "<<script>script>alert(1)<</script>/script>",
    '<img src="x" alt="" onerror="alert(1)"',
    "<!--<script>alert(1)</script>-->",
    '<a href="#" onclick=alert(1)//',
    '<table background="javascript:alert(1)"><tr><td onclick=alert(1)>x</td></tr>',
    '<blockquote cite="javascript:alert(1)" onclick="alert(1)">q</blockquote>',
    '<h2 id="x" class="evil" onclick="alert(1)">h</h2>',
    '<figure onclick="alert(1)"><img src="https://example.org/a.jpg"></figure>',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    '<template><img src=x onerror="alert(1)"></template>',
    '<x onclick="alert(1)">unknown tag</x>',
]

DANGEROUS_SCHEMES = re.compile(r"^(javascript|data|vbscript):", re.IGNORECASE)
CONTROL_AND_SPACE = re.compile(r"[\x00-\x20\x7f]+")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "background", "cite", "data"}


class Collector(HTMLParser):
    """Every start tag and its attributes (entities already decoded)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    handle_startendtag = handle_starttag


def tags_of(markup):
    collector = Collector()
    collector.feed(markup)
    collector.close()
    return collector.tags


def dangers(markup, *, allowed_tags=None):
    """What in `markup` could run script: a list, empty when it is safe."""
    found = []
    for tag, attrs in tags_of(markup):
        if allowed_tags is not None and tag not in allowed_tags:
            found.append(f"tag <{tag}>")
        # The page's own login form is fine; its action is checked as a URL.
        if tag in {"svg", "math", "iframe", "object", "embed", "base"}:
            found.append(f"tag <{tag}>")
        # A JSON-LD data block is not run (the page's own structured data).
        data_block = dict(attrs).get("type") == "application/ld+json"
        if tag == "script" and not dict(attrs).get("src") and not data_block:
            found.append("inline <script>")
        for name, value in attrs:
            if name.startswith("on"):
                found.append(f"event handler {name}")
            if name == "style" and allowed_tags is not None:
                found.append("style attribute")
            if name in URL_ATTRIBUTES or name.endswith(":href"):
                url = CONTROL_AND_SPACE.sub("", html.unescape(value or ""))
                if DANGEROUS_SCHEMES.match(url):
                    found.append(f"{name}={value!r}")
            if tag == "a" and name == "rel" and allowed_tags is not None:
                if value != "noopener noreferrer":
                    found.append(f"rel={value!r}")
    return found


def test_the_corpus_is_large_enough():
    assert len(VECTORS) >= 40
    assert len(set(VECTORS)) == len(VECTORS)


@pytest.mark.parametrize("vector", VECTORS)
def test_vector_sent_through_the_desk_form_does_not_survive(vector, agency):
    editor = Client()
    editor.force_login(make_user(agencies=[agency]))
    title = f"ข่าวทดสอบความปลอดภัย {VECTORS.index(vector)}"
    response = editor.post(
        reverse("desk:new"),
        {
            "title": title,
            "lead": vector,
            "body": f"<p>ก่อน</p>{vector}<p>หลัง</p>",
            "agency": agency.pk,
        },
    )
    assert response.status_code == 302
    article = Article.objects.get(title=title)
    for stored in (article.lead, article.body):
        assert dangers(stored, allowed_tags=ALLOWED_TAGS) == []
        assert "<script" not in stored.lower()
    # Text before the vector is kept (an unclosed <style> may take what follows).
    assert article.body.startswith("<p>ก่อน</p>")

    # Publishing refuses a photo without alt text; make the row public directly
    # to check what the public page would serve.
    Article.objects.filter(pk=article.pk).update(
        status=Article.Status.PUBLISHED,
        published_at=timezone.now() - timedelta(minutes=1),
    )
    page = Client().get(article.get_absolute_url())
    assert page.status_code == 200
    assert dangers(page.content.decode()) == []
    policy = page["Content-Security-Policy"]
    script_src = re.search(r"script-src ([^;]*)", policy)[1]
    assert "'unsafe-inline'" not in script_src
    assert "'unsafe-eval'" not in script_src


def test_links_get_noopener_and_keep_href_and_title():
    cleaned = clean_html(
        '<a href="https://example.org/x" title="ที่มา" target="_blank">ลิงก์</a>'
    )
    assert cleaned == (
        '<a href="https://example.org/x" title="ที่มา" rel="noopener noreferrer">ลิงก์</a>'
    )


def test_news_formatting_is_kept():
    markup = (
        "<h2>หัวข้อ</h2><p><strong>หนา</strong> <em>เอียง</em> <u>ขีดเส้น</u> "
        "<s>ขีดฆ่า</s><br></p><ul><li>หนึ่ง</li></ul><ol><li>สอง</li></ol>"
        "<blockquote>คำพูด</blockquote><h3>ย่อย</h3><h4>ย่อยกว่า</h4>"
        '<figure><img src="/media/photos/a.jpg" alt="ภาพ" width="600" height="400">'
        "<figcaption>คำบรรยาย</figcaption></figure>"
        "<table><caption>ตาราง</caption><thead><tr><th>ก</th></tr></thead>"
        "<tbody><tr><td>ข</td></tr></tbody></table>"
    )
    assert clean_html(markup) == markup


def test_headings_outside_h2_h4_and_unknown_tags_lose_their_tags_not_text():
    cleaned = clean_html("<h1>ใหญ่</h1><h5>เล็ก</h5><marquee>วิ่ง</marquee>")
    assert cleaned == "ใหญ่เล็กวิ่ง"
