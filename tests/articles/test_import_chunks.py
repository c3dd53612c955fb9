"""The import stores pages a chunk at a time: what that must not change."""

import pytest
from django.db import DatabaseError, connection

from articles.models import Article, Author, SearchDocument
from articles.pagecache.invalidation import current_generation
from articles.search import search_articles
from articles.search.indexing import document_for
from articles.services.imports import chunk, page, pages_import
from tests.articles.legacy_pages import BODY, FIELDS, TITLE
from tests.articles.legacy_pages import page as legacy_page

pytestmark = pytest.mark.django_db

PROVINCES = ["พะเยา", "ลำปาง", "น่าน", "แพร่"]


def _write_pages(folder, count, unknown="ดอยหล่อ"):
    """count pages with distinct legacy IDs; every fifth from an agency of the
    province `unknown`, which the database does not know yet and which other
    pages mention. No dictionary word either: the agency adds it, which
    changes how pages segmented before that mention it are cut."""
    provinces = [*PROVINCES, unknown]
    folder.mkdir(exist_ok=True)
    for n in range(count):
        province = provinces[n % len(provinces)]
        fields = [f for f in FIELDS if not f.startswith("หน่วยงาน")]
        fields.append(f"หน่วยงาน : ส.ปชส.{province}")
        text = legacy_page(
            date=f"{n % 28 + 1} มกราคม 2562 / 10:{n // 60:02d}:{n % 60:02d}",
            head=(f"{TITLE} ที่ {province} ฉบับ {n}",),
            body=[*BODY, f"ข่าวจังหวัด{provinces[(n + 1) % 5]} ลำดับ {n}"],
            fields=fields,
        )
        (folder / f"{n:03d}.txt").write_text(text, encoding="utf-8")
    return folder


def _as_stored(document):
    """A tsvector literal as PostgreSQL gives it back (sorted, default weight
    left out); elsewhere there is none."""
    if document is None:
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT %s::tsvector::text", [document])
        return cursor.fetchone()[0]


# A name of its own for each run: the dictionary outlives a test's database.
@pytest.mark.parametrize("workers, unknown", [(1, "เวียงกาหลง"), (2, "แม่ทะนาง")])
def test_search_rows_of_an_import_are_those_a_save_writes(tmp_path, workers, unknown):
    folder = _write_pages(tmp_path / "pages", 12, unknown)
    outcomes = list(pages_import(paths=[folder], workers=workers))
    assert [o.action for o in outcomes] == ["created"] * 12
    fields = ["title", "lead", "extra", "body", "plain", "document"]
    articles = Article.objects.select_related("agency", "author")
    for article in articles.filter(legacy_id__isnull=False):
        stored = SearchDocument.objects.get(article=article)
        expected = document_for(article)
        expected.document = _as_stored(expected.document)
        for name in fields:
            assert getattr(stored, name) == getattr(expected, name), name


def test_imported_pages_are_found_as_soon_as_the_import_returns(tmp_path):
    folder = _write_pages(tmp_path / "pages", 3)
    list(pages_import(paths=[folder]))
    found = search_articles("ฉบับ 2")
    assert Article.objects.get(legacy_id="190103100002").pk in [
        hit.article.pk for hit in found
    ]
    # An update is found by its new words as well.
    edited = folder / "002.txt"
    edited.write_text(
        edited.read_text(encoding="utf-8").replace("ลำดับ 2", "ลำดับ 2 กว๊านพะเยา")
    )
    [_, _, updated] = list(pages_import(paths=[folder]))
    assert updated.action == "updated"
    found = search_articles("กว๊านพะเยา")
    assert updated.article_id in [hit.article.pk for hit in found]


def test_an_import_moves_the_cached_lists_on(tmp_path):
    before = current_generation()
    list(pages_import(paths=[_write_pages(tmp_path / "pages", 2)]))
    assert current_generation() != before


def test_a_page_repeated_in_a_chunk_updates_the_article_the_first_made(tmp_path):
    folder = _write_pages(tmp_path / "pages", 2)
    (folder / "001.txt").write_bytes((folder / "000.txt").read_bytes())
    other = (folder / "000.txt").read_text(encoding="utf-8")
    (folder / "002.txt").write_text(other.replace("ฉบับ 0", "ฉบับอื่น"))
    outcomes = list(pages_import(paths=[folder]))
    assert [o.action for o in outcomes] == ["created", "unchanged", "failed"]
    assert "เป็นของข่าวอื่นแล้ว" in outcomes[2].reason
    assert Article.objects.filter(legacy_id__isnull=False).count() == 1


def test_a_chunk_the_database_refuses_is_stored_page_by_page(tmp_path, monkeypatch):
    folder = _write_pages(tmp_path / "pages", 4)
    faulty = folder / "002.txt"
    faulty.write_text(
        faulty.read_text(encoding="utf-8").replace(
            "ข่าวโดย : ทีมข่าว ปชส.พะเยา", "ข่าวโดย : ผู้เขียนหน้าที่เสีย"
        )
    )

    def refuse_chunk(plans):
        raise DatabaseError("refused")

    def refuse_one(**fields):
        if fields["title"].endswith("ฉบับ 2"):
            raise DatabaseError("value too long")
        return create(**fields)

    create = page.article_create
    monkeypatch.setattr(chunk, "_store", refuse_chunk)
    monkeypatch.setattr(page, "article_create", refuse_one)
    outcomes = list(pages_import(paths=[folder]))
    assert [o.action for o in outcomes] == ["created", "created", "failed", "created"]
    assert "value too long" in outcomes[2].reason
    assert outcomes[2].source.endswith("002.txt")
    stored = Article.objects.filter(legacy_id__isnull=False)
    assert stored.count() == 3
    assert not Author.objects.filter(byline="ผู้เขียนหน้าที่เสีย").exists()
    assert SearchDocument.objects.filter(article__in=stored).count() == 3
