"""/search/ over HTTP: guidance, results, filters in either era, paging, and
hostile input that always answers 200."""

import re
from datetime import UTC, datetime

import pytest
from django.core.management import call_command
from django.db import connection

from articles.models import SearchDocument
from articles.search.forms import parse_search_date
from tests.factories import make_article


def _html(client, params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    return response.content.decode()


def test_empty_query_shows_the_form_and_guidance(client, db):
    for params in ({}, {"q": ""}, {"q": "   "}):
        html = _html(client, params)
        assert 'name="q"' in html and "วิธีค้นหา" in html


def test_results_show_count_highlight_and_link(client, agency):
    article = make_article(
        title="พะเยาจัดงานลิ้นจี่", body="<p>เกษตรกรชาวพะเยานำลิ้นจี่มาจำหน่าย</p>"
    )
    html = _html(client, {"q": "ลิ้นจี่"})
    assert re.search(r'class="result-count">1<', html)
    assert f'href="{article.get_absolute_url()}"' in html
    assert "<mark>ลิ้นจี่</mark>" in html


def test_no_results_says_so_in_thai(client, agency):
    make_article(title="ข่าวอื่น")
    assert "ไม่พบข่าวที่ตรงกับ" in _html(client, {"q": "ทุเรียนภูเขาไฟ"})


def test_buddhist_era_dates_filter_the_results(client, agency):
    june = make_article(
        title="ประชุมกรมการจังหวัด", published_at=datetime(2024, 6, 14, 3, tzinfo=UTC)
    )
    july = make_article(
        title="ประชุมกรมการจังหวัด ครั้งถัดไป",
        published_at=datetime(2024, 7, 14, 3, tzinfo=UTC),
    )
    html = _html(
        client, {"q": "ประชุม", "date_from": "1/6/2567", "date_to": "๓๐/๖/๒๕๖๗"}
    )
    assert june.get_absolute_url() in html and july.get_absolute_url() not in html
    html = _html(client, {"q": "ประชุม", "date_from": "2024-07-01"})
    assert july.get_absolute_url() in html and june.get_absolute_url() not in html


def test_agency_filter(client, agency, other_agency):
    mine = make_article(agency=agency, title="ตรวจเยี่ยมโรงเรียน")
    theirs = make_article(agency=other_agency, title="ตรวจเยี่ยมโรงพยาบาล")
    html = _html(client, {"q": "ตรวจเยี่ยม", "agency": "pr-lampang"})
    assert theirs.get_absolute_url() in html and mine.get_absolute_url() not in html


def test_bad_filters_get_thai_errors_and_the_search_still_runs(client, agency):
    article = make_article(title="ปลูกป่าชุมชน")
    html = _html(
        client,
        {"q": "ปลูกป่า", "date_from": "31/02/2567", "agency": "no-such-agency"},
    )
    assert "วันที่ไม่ถูกต้อง" in html and "ไม่พบหน่วยงานนี้" in html
    assert article.get_absolute_url() in html
    html = _html(client, {"q": "ปลูกป่า", "date_from": "1/2/2567", "date_to": "1/1/2567"})
    assert "วันที่สิ้นสุดต้องไม่ก่อนวันที่เริ่มต้น" in html


def test_pages_of_twenty_keep_the_query_in_links(client, agency):
    for n in range(25):
        make_article(title=f"อบรมอาสาสมัคร รุ่นที่ {n}")
    first = _html(client, {"q": "อบรม"})
    assert first.count('class="card search-hit"') == 20
    assert "page=2" in first and "q=%E0%B8%AD%E0%B8%9A%E0%B8%A3%E0%B8%A1" in first
    second = _html(client, {"q": "อบรม", "page": "2"})
    assert second.count('class="card search-hit"') == 5
    for page in ("0", "-3", "abc", "99999999999999999999", "2\x00"):
        _html(client, {"q": "อบรม", "page": page})


@pytest.mark.parametrize(
    "params",
    [
        {"q": "'; DROP TABLE articles_article; --"},
        {"q": '"ภาครัฐ" OR title:ภาครัฐ NEAR(ก ข) ภาค*'},
        {"q": "%_%\\"},
        {"q": "\x00"},
        {"q": "ภาค\x00รัฐ", "date_from": "\x00", "date_to": "1/1/\x00"},
        {"q": "😀🇹🇭 ภาครัฐ"},
        {"q": "ภาครัฐ" * 300},
        {"q": "ภาครัฐ", "agency": "\x00'--"},
        {"q": "ภาครัฐ", "date_from": "9999999999/1/1", "date_to": "0/0/0"},
        {"q": "ภาครัฐ", "date_from": "1/1/99999"},
        {"q": ["ภาครัฐ", "ข่าว"], "page": ["1", "2"]},
    ],
)
def test_hostile_input_always_answers_200(client, agency, params):
    make_article(title="การบริหารจัดการภาครัฐ")
    _html(client, params)


def test_parse_search_date_accepts_both_eras_and_thai_months():
    expected = datetime(2024, 6, 14).date()
    for text in ("14/6/2567", "14-06-2024", "2567-06-14", "๑๔/๖/๒๕๖๗", "14 มิ.ย. 2567"):
        assert parse_search_date(text) == expected
    for bad in ("", "14/13/2567", "abc", "32/1/2567"):
        with pytest.raises(ValueError):
            parse_search_date(bad)


def test_reindex_command_rebuilds_and_dry_run_changes_nothing(agency, capsys):
    make_article(title="ข่าวหนึ่ง")
    make_article(title="ข่าวสอง")
    SearchDocument.objects.all().delete()
    call_command("reindex", "--dry-run")
    assert "2 articles would be indexed" in capsys.readouterr().out
    assert not SearchDocument.objects.exists()
    call_command("reindex", "--workers", "1")
    assert "Indexed 2 articles" in capsys.readouterr().out
    assert SearchDocument.objects.count() == 2


def test_parallel_reindex_writes_the_same_rows(agency):
    for n in range(7):
        make_article(title=f"ข่าวลำดับ {n} เรื่องภาครัฐ", body="<p>เนื้อ ๑๒๓</p>")
    fields = ("article_id", "title", "lead", "extra", "body", "plain")
    serial = list(SearchDocument.objects.order_by("pk").values_list(*fields))
    SearchDocument.objects.all().delete()
    call_command("reindex", "--workers", "2", "--batch-size", "3")
    assert list(SearchDocument.objects.order_by("pk").values_list(*fields)) == serial


# serialized_rollback: the agencies come from a data migration; a flush would
# take them from the tests that follow.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_parallel_reindex_outside_a_transaction(agency):
    # On PostgreSQL the workers write over their own connections.
    for n in range(9):
        make_article(title=f"ข่าวลำดับ {n} เรื่องภาครัฐ", body="<p>เนื้อ ๑๒๓</p>")
    fields = ("article_id", "title", "lead", "extra", "body", "plain")
    serial = list(SearchDocument.objects.order_by("pk").values_list(*fields))
    SearchDocument.objects.all().delete()
    call_command("reindex", "--workers", "2", "--batch-size", "2")
    assert list(SearchDocument.objects.order_by("pk").values_list(*fields)) == serial


def test_a_query_too_broad_to_rank_says_so(client, agency, monkeypatch):
    from articles.search.backends import get_backend
    from articles.search.backends.base import SearchTooBroad

    def too_broad(self, sql, params, **options):
        raise SearchTooBroad()

    make_article(title="การบริหารจัดการภาครัฐ")
    monkeypatch.setattr(type(get_backend()), "fetch", too_broad)
    html = _html(client, {"q": "ภาครัฐ"})
    assert "คำค้นกว้างเกินไป" in html and "กรุณาเพิ่มคำค้นให้เจาะจงขึ้น" in html


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's statement_timeout"
)
def test_postgresql_stops_a_slow_search_and_restores_the_timeout(db, monkeypatch):
    from articles.search.backends import postgresql
    from articles.search.backends.base import SearchTooBroad

    monkeypatch.setattr(postgresql, "TIMEOUT_MS", 50)
    backend = postgresql.PostgresBackend()
    with pytest.raises(SearchTooBroad):
        backend.fetch("SELECT pg_sleep(1)", [])
    assert backend.fetch("SELECT 1", []) == [(1,)]
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == "0"


def test_the_agency_list_is_not_queried_per_search(client, agency, other_agency):
    from django.test.utils import CaptureQueriesContext

    make_article(title="ข่าวลำไยพะเยา", agency=other_agency)
    client.get("/search/", {"q": "ลำไย"})  # the choices kept for this generation
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/search/", {"q": "ลำไยพะเยา"})
    alone = [q["sql"] for q in queries if 'FROM "articles_agency"' in q["sql"]]
    assert alone == []
    html = response.content.decode()
    option = f'<option value="{other_agency.slug}">{other_agency.short_name}</option>'
    assert option in html
    assert "ข่าวลำไยพะเยา" in re.sub(r"</?mark>", "", html)
    # An agency saved moves the page generation on: the select follows at once.
    other_agency.short_name = "ส.ปชส.ลำปาง ใหม่"
    other_agency.save()
    html = client.get("/search/", {"q": "ลำไย"}).content.decode()
    assert f'<option value="{other_agency.slug}">ส.ปชส.ลำปาง ใหม่</option>' in html
