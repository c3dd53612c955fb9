"""The search's targets over realistic pages, through /search/?q= on whichever
database the suite runs on (SQLite by default, PostgreSQL with DATABASE_URL).

Every query finds its page on the first results page; a query for text no page
holds finds nothing; and at most 1 in 50 queries returns a page lacking the
query's text (each piece of it, for a query typed in pieces).
"""

import html
import re
import unicodedata
from datetime import timedelta

import pytest
from django.utils import timezone

from articles import thai
from articles.models import Agency
from tests.articles.search_pages import PAGES, QUERIES
from tests.factories import make_article, make_author

MARKS = "\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"


def _comparable(text):
    """The text a reader would call the same: tags, spaces and punctuation
    gone (a dot kept between digits), Thai digits as Arabic, lower case."""
    text = unicodedata.normalize("NFC", re.sub(r"<[^>]+>", " ", text)).lower()
    text = "".join(str("๐๑๒๓๔๕๖๗๘๙".index(c)) if c in "๐๑๒๓๔๕๖๗๘๙" else c for c in text)
    out = []
    for i, char in enumerate(text):
        if char == "ฯ":  # the abbreviation mark: ผู้ว่าฯ is ผู้ว่า
            continue
        if char.isalnum() or re.match(f"[{MARKS}]", char):
            out.append(char)
        elif char == "." and 0 < i < len(text) - 1:
            if text[i - 1].isdigit() and text[i + 1].isdigit():
                out.append(char)
    return "".join(out)


@pytest.fixture
def pages(db):
    now = timezone.now()
    made = {}
    for n, (key, slug, title, paragraphs, byline) in enumerate(PAGES):
        agency = Agency.objects.get(slug=slug)
        article = make_article(
            agency=agency,
            title=title,
            body="".join(f"<p>{p}</p>" for p in paragraphs),
            author=make_author(byline, agency),
            published_at=now - timedelta(hours=n + 1),
        )
        names = f"{agency.short_name} {agency.full_name} {byline}"
        held = _comparable(f"{title} {' '.join(paragraphs)} {names}")
        made[article.pk] = (key, held)
    return made


def _found(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    results = response.context["results"]
    return [hit.article.pk for hit in results]


def _holds(held, query):
    pieces = query.split()
    whole = _comparable(query)
    if whole in held:
        return True
    return len(pieces) > 1 and all(_comparable(p) in held for p in pieces)


def test_the_set_is_large_enough():
    assert len(PAGES) >= 20 and len(QUERIES) >= 100
    assert len({key for key, *_ in PAGES}) == len(PAGES)


def test_every_query_finds_its_page_and_only_pages_holding_it(client, pages):
    key_of = {key: pk for pk, (key, _) in pages.items()}
    missed, wrong, strays = [], [], []
    for query, key in QUERIES:
        found = _found(client, query)
        holders = {pk for pk, (_, held) in pages.items() if _holds(held, query)}
        if key is None:
            assert not holders, f"{query!r} is held by a page: not a negative"
            if found:
                strays.append((query, [pages[pk][0] for pk in found]))
            continue
        assert key_of[key] in holders, f"{query!r} is not in page {key!r}"
        if key_of[key] not in found:
            missed.append((query, key))
        lacking = [pages[pk][0] for pk in found if pk not in holders]
        if lacking:
            wrong.append((query, lacking))
    assert not missed, f"not found on the first page: {missed}"
    assert not strays, f"found for text no page holds: {strays}"
    assert len(wrong) * 50 <= len(QUERIES), f"pages lacking the text: {wrong}"


def test_a_query_finds_every_page_holding_its_text(client, pages):
    # `ต่าง ๆ` is in three pages, written with and without the space.
    holders = {pk for pk, (_, held) in pages.items() if "ต่างๆ" in held}
    assert len(holders) == 3
    assert set(_found(client, "ต่างๆ")) == holders
    assert set(_found(client, "ต่าง ๆ")) == holders


LEADING_VOWELS = "เแโใไ"
MARK = re.compile(f"[{MARKS}]")


def _cuts(text):
    cuts, offset = {0}, 0
    for token in thai.segment(text, keep_whitespace=True, normalized=True):
        offset += len(token)
        cuts.add(offset)
    return cuts


def test_snippets_are_whole_words_in_the_articles_own_characters(client, pages):
    bodies = {key: " ".join(paragraphs) for key, _, _, paragraphs, _ in PAGES}
    checked = 0
    for query, key in QUERIES:
        if key is None:
            continue
        response = client.get("/search/", {"q": query})
        pieces = query.replace(" ๆ", "ๆ").split()  # ๆ goes with the word before
        wanted = {_comparable(query)} | {_comparable(p) for p in pieces}
        for hit in response.context["results"]:
            shown = str(hit.snippet_html)
            for marked in re.findall(r"<mark>(.*?)</mark>", shown):
                marked = html.unescape(marked)
                assert len(marked) > 1 and _comparable(marked) in wanted, (query, shown)
            piece = html.unescape(re.sub(r"</?mark>", "", shown))
            piece = piece.removeprefix("… ").removesuffix(" …")
            body = bodies[pages[hit.article.pk][0]]
            at = body.find(piece)
            assert at >= 0, (query, piece)  # the article's own characters
            end = at + len(piece)
            assert not MARK.match(piece[0]) and piece[-1] not in LEADING_VOWELS
            assert end == len(body) or not MARK.match(body[end])
            cuts = _cuts(body)
            assert at in cuts and end in cuts, (query, piece)
            checked += 1
    assert checked >= 100


def test_pages_with_only_some_pieces_come_only_when_none_has_all(client, pages):
    key_of = {key: pk for pk, (key, _) in pages.items()}
    response = client.get("/search/", {"q": "ลำไยอบแห้ง ปลาบึก"})
    results = response.context["results"]
    assert not results.all_terms
    assert [hit.article.pk for hit in results] == [key_of["longan"]]
    assert "ข่าวด้านล่างมีเพียงบางคำ" in response.content.decode()
    # With a page holding both, only that page, and no such notice.
    response = client.get("/search/", {"q": "ลำไยอบแห้ง ป่าซาง"})
    assert response.context["results"].all_terms
    assert "ข่าวด้านล่างมีเพียงบางคำ" not in response.content.decode()
    # A query typed in one piece never falls back to some of its words.
    assert _found(client, "แม่สอดคล้อง") == []
