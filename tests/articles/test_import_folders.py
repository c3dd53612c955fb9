"""import_pages over folders: good and bad files, dry runs, progress, streaming."""

import shutil
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from articles.legacy import parse_page
from articles.models import Article
from articles.services.imports import page_import, pages_import
from tests.articles.legacy_pages import (
    DATA,
    GOOD,
    SEED,
    run,
    snapshot,
)

pytestmark = pytest.mark.django_db


# A folder with good and bad files ---------------------------------------------------


@pytest.fixture
def mixed_folder(tmp_path):
    folder = tmp_path / "archive"
    (folder / "2561").mkdir(parents=True)
    for name in GOOD[:3]:
        shutil.copy(DATA / name, folder / name)
    for name in GOOD[3:]:
        shutil.copy(DATA / name, folder / "2561" / name)
    seed = SEED.read_text(encoding="utf-8")
    (folder / "truncated.txt").write_text(seed[: seed.index("แนวคิดของเกณฑ์")])
    (folder / "empty.txt").write_bytes(b"")
    (folder / "2561" / "binary.txt").write_bytes(
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8
    )
    return folder


def test_folder_stores_the_good_pages_and_names_each_bad_one(mixed_folder):
    out, err, status = run(mixed_folder)
    assert status == 1
    assert Article.objects.filter(legacy_id__isnull=False).count() == len(GOOD)
    bad = {"truncated.txt": "ถูกตัด", "empty.txt": "ว่าง", "binary.txt": "ไบนารี"}
    for name, reason in bad.items():
        [line] = [line for line in err.splitlines() if name in line]
        assert reason in line
    assert "created=5" in out and "failed=3" in out


def test_second_run_over_the_folder_changes_nothing(mixed_folder):
    run(mixed_folder)
    before = snapshot()
    out, err, status = run(mixed_folder)
    assert status == 1
    assert "created=0" in out and "updated=0" in out and "unchanged=5" in out
    assert snapshot() == before


def test_dry_run_reports_and_writes_nothing(mixed_folder):
    before = snapshot()
    out, err, status = run("--dry-run", mixed_folder, DATA / "unknown_agency.txt")
    assert snapshot() == before
    assert status == 1
    assert "created=6" in out and "failed=3" in out
    assert "unknown_agency.txt" in out and "จะสร้างใหม่" in out
    assert "ส.ปชส.ตาก" in out
    assert "truncated.txt" in err


def test_dry_run_after_an_import_reports_updates(tmp_path):
    run(SEED)
    higher = tmp_path / "higher.txt"
    higher.write_text(
        SEED.read_text(encoding="utf-8").replace("อ่าน : 45", "อ่าน : 90"),
        encoding="utf-8",
    )
    out, err, status = run("--dry-run", higher, SEED)
    assert status == 0
    assert "updated=1" in out and "unchanged=1" in out
    assert Article.objects.get(legacy_id="180614143702").read_count == 45


def test_pattern_limits_the_files_taken_from_folders(mixed_folder):
    (mixed_folder / "notes.md").write_text("ไม่ใช่หน้าข่าว", encoding="utf-8")
    out, err, status = run("--pattern", "*.txt", mixed_folder)
    assert "notes.md" not in err
    out, err, status = run(mixed_folder)
    assert "notes.md" in err


def test_a_missing_path_is_reported_not_raised():
    out, err, status = run("/no/such/legacy/page.txt")
    assert status == 1
    assert "/no/such/legacy/page.txt" in err and "ไม่พบไฟล์" in err


# The service, called directly ---------------------------------------------------------


def test_page_import_returns_what_it_did():
    page = parse_page(SEED.read_bytes())
    first = page_import(page=page, source="seed", dry_run=False)
    second = page_import(page=page, source="seed", dry_run=False)
    assert (first.action, second.action) == ("created", "unchanged")
    assert first.article_id == second.article_id


def test_pages_import_is_lazy_and_yields_one_outcome_per_file(
    mixed_folder, monkeypatch
):
    monkeypatch.setattr("articles.services.imports.run.CHUNK", 2)
    outcomes = pages_import(paths=[mixed_folder], dry_run=False)
    first = next(outcomes)
    assert Article.objects.count() <= 2  # nothing beyond the first chunk yet
    rest = list(outcomes)
    assert len(rest) + 1 == len(GOOD) + 3
    assert {o.action for o in [first, *rest]} == {"created", "failed"}


class Terminal(StringIO):
    def isatty(self):
        return True


def test_progress_bar_is_drawn_on_a_terminal_only(mixed_folder):
    terminal = Terminal()
    with pytest.raises(CommandError):
        call_command(
            "import_pages", str(mixed_folder), stdout=terminal, stderr=StringIO()
        )
    assert "\r[" in terminal.getvalue()
    assert "8/8" in terminal.getvalue()
    out, err, status = run(mixed_folder)
    assert "\r" not in out


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_connection_waits_for_the_disk_again_after_an_import():
    from django.db import connection

    outcomes = list(pages_import(paths=[SEED]))
    assert [o.action for o in outcomes] == ["created"]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW synchronous_commit")
            assert cursor.fetchone()[0] == "on"
        else:
            cursor.execute("PRAGMA synchronous")
            assert cursor.fetchone()[0] == 2  # FULL
