"""import_pages and the import service, on a real database: page by page."""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone
from django.utils.html import strip_tags

from articles.models import Agency, Article, ArticleEvent, Author, ReadTotal
from articles.thai import BANGKOK, format_thai_datetime
from tests.articles.legacy_pages import (
    DATA,
    SEED,
    SEED_NAME,
    SHARED_SEED,
    run,
    snapshot,
)

pytestmark = pytest.mark.django_db


# The seed page ------------------------------------------------------------------


def test_seed_page_imports_to_its_exact_values():
    out, err, status = run(SEED)
    assert status == 0, err
    article = Article.objects.select_related("agency", "author", "reads").get(
        legacy_id="180614143702"
    )
    assert article.published_at == datetime(2018, 6, 14, 14, 37, 2, tzinfo=BANGKOK)
    assert article.title == (
        "จังหวัดพะเยาผ่านการรับรองคุณภาพการบริหารจัดการภาครัฐ(PMQA) ลำดับที่ 35 จาก 47 ส่วนราชการ"
    )
    assert article.author.byline == "ทีมข่าว ปชส.พะเยา"
    assert article.editor_name == "ปชส.พะเยา"
    assert article.agency.slug == "pr-phayao"
    assert article.reads.total == 45
    assert article.status == Article.Status.PUBLISHED
    assert article.body.startswith("<p>นายวุฒิชัย เสาวโกมุท")
    assert article.body.count("<p>") == 2
    assert article.events.get().action == ArticleEvent.Action.IMPORTED
    assert "created=1" in out


def test_shared_seed_is_the_copy_the_tests_use():
    shared = SHARED_SEED / SEED_NAME
    if not shared.exists():
        pytest.skip("no ../shared/seeds next to this checkout")
    assert shared.read_bytes() == SEED.read_bytes()


def test_seed_legacy_address_redirects_and_the_page_counts_one_more_read(client):
    run(SEED)
    article = Article.objects.get(legacy_id="180614143702")
    response = client.get("/ct/news/viewnews.php", {"ID": "180614143702"})
    assert response.status_code == 301
    assert response["Location"] == f"/news/{article.pk}/"
    page = client.get(response["Location"])
    assert page.status_code == 200
    text = " ".join(strip_tags(page.content.decode()).split())
    assert "อ่าน : 46" in text


# Every example page ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "legacy_id", "agency", "reads"),
    [
        ("lampang_short_month.txt", "200203080509", "pr-lampang", 1053),
        ("chiangrai_thai_digits.txt", "190821091500", "radio-chiangrai", 12),
        ("nan_run_together.txt", "171001000000", "radio-nan", 7),
        ("phrae_cp874.txt", "141127164510", "pr-phrae", 88),
    ],
)
def test_example_pages_import_to_their_agency_and_count(name, legacy_id, agency, reads):
    out, err, status = run(DATA / name)
    assert status == 0, err
    article = Article.objects.get(legacy_id=legacy_id)
    assert article.agency.slug == agency
    assert article.read_count == reads
    assert article.is_public


def test_cp874_page_is_stored_as_thai_text():
    run(DATA / "phrae_cp874.txt")
    article = Article.objects.get(legacy_id="141127164510")
    assert article.title == "แพร่ส่งเสริมการทอผ้าหม้อห้อมสู่ตลาดสากล"
    assert "หม้อห้อมบ้านทุ่งโฮ้ง" in article.body
    assert article.author.byline == "ทีมข่าว ปชส.แพร่"


def test_body_text_is_escaped_not_taken_as_markup():
    run(DATA / "lampang_short_month.txt")
    article = Article.objects.get(legacy_id="200203080509")
    assert "ร่วมสนุก &amp; เรียนรู้ &lt;ไปพร้อมกัน&gt;</p>" in article.body


def test_page_without_an_agency_goes_to_the_region_office():
    run(DATA / "minimal_no_fields.txt")
    article = Article.objects.get(legacy_id="161205190000")
    assert article.agency.slug == "region3"
    assert article.author is None
    assert article.read_count == 0


def test_unknown_agency_is_created_inactive_with_an_ascii_slug_and_reported():
    out, err, status = run(DATA / "unknown_agency.txt")
    assert status == 0, err
    agency = Agency.objects.get(short_name="ส.ปชส.ตาก")
    assert agency.is_active is False
    assert agency.slug.isascii() and agency.slug.startswith("legacy-")
    assert agency.kind == Agency.Kind.PROVINCIAL
    assert Article.objects.get(legacy_id="190309102030").agency == agency
    assert "ส.ปชส.ตาก" in out
    # A second page of that agency finds it instead of making another.
    run(DATA / "unknown_agency.txt")
    assert Agency.objects.filter(short_name="ส.ปชส.ตาก").count() == 1


def test_author_is_matched_by_its_byline():
    existing = Author.objects.create(byline="ทีมข่าว ปชส.ลำปาง")
    run(DATA / "lampang_short_month.txt")
    assert Article.objects.get(legacy_id="200203080509").author == existing


# Idempotence -------------------------------------------------------------------------


def test_importing_the_same_page_again_updates_and_never_duplicates(tmp_path):
    run(SEED)
    article = Article.objects.get(legacy_id="180614143702")
    edited = tmp_path / "edited.txt"
    edited.write_text(
        SEED.read_text(encoding="utf-8").replace(
            "นายวุฒิชัย เสาวโกมุท", "นายวุฒิชัย เสาวโกมุท (แก้ไข)"
        ),
        encoding="utf-8",
    )
    out, err, status = run(edited)
    assert status == 0, err
    assert "updated=1" in out
    assert Article.objects.filter(legacy_id="180614143702").count() == 1
    article.refresh_from_db()
    assert "(แก้ไข)" in article.body
    assert article.version == 2
    assert article.events.filter(action=ArticleEvent.Action.IMPORTED).count() == 2


def test_a_count_that_grew_on_the_new_site_is_never_lowered(client):
    run(SEED)
    article = Article.objects.get(legacy_id="180614143702")
    ReadTotal.objects.filter(article=article).update(total=500)
    run(SEED)
    assert ReadTotal.objects.get(article=article).total == 500


def test_a_higher_legacy_count_raises_the_counter(tmp_path):
    run(SEED)
    higher = tmp_path / "higher.txt"
    higher.write_text(
        SEED.read_text(encoding="utf-8").replace("อ่าน : 45", "อ่าน : 1,200 ครั้ง"),
        encoding="utf-8",
    )
    run(higher)
    assert Article.objects.get(legacy_id="180614143702").read_count == 1200


def test_demo_article_with_the_seed_legacy_id_is_updated_not_duplicated():
    from articles.services.demo import demo_seed

    demo_seed(editor_password="demo-password-123")
    before = Article.objects.count()
    out, err, status = run(SEED)
    assert status == 0, err
    assert Article.objects.count() == before
    assert Article.objects.get(legacy_id="180614143702").read_count == 45


def test_another_page_with_the_same_legacy_id_is_refused_and_stores_nothing(
    tmp_path,
):
    run(DATA / "nan_run_together.txt")  # 1 ตุลาคม 2560, no time: 171001000000
    other = tmp_path / "same_day.txt"
    other.write_text(
        "\n".join(
            [
                "echo Out 1 ต.ค. 2560",
                "ข่าวอื่นของวันเดียวกันที่ไม่มีเวลาเผยแพร่",
                "",
                "เนื้อข่าวอื่น",
                "ข่าวโดย : ผู้สื่อข่าวคนใหม่ที่ไม่เคยมี",
                "หน่วยงาน : ส.ปชส.สมมุติ",
                "LINE it!",
            ]
        ),
        encoding="utf-8",
    )
    before = snapshot()
    out, err, status = run(other)
    assert status == 1
    assert "same_day.txt" in err and "171001000000" in err
    assert snapshot() == before


def test_a_page_dated_in_the_future_is_refused(tmp_path):
    future = tmp_path / "future.txt"
    future.write_text(
        SEED.read_text(encoding="utf-8").replace("2561 / 14:37:02", "2661 / 14:37:02"),
        encoding="utf-8",
    )
    out, err, status = run(future)
    assert status == 1
    assert "future.txt" in err and "อนาคต" in err
    assert not Article.objects.exists()


def test_a_page_dated_later_today_is_refused_not_left_unseen(tmp_path):
    # Two hours ahead, Bangkok time: stored, it would wait unseen as if scheduled.
    later = format_thai_datetime(timezone.now() + timedelta(hours=2))
    soon = tmp_path / "soon.txt"
    soon.write_text(
        SEED.read_text(encoding="utf-8").replace("14 มิถุนายน 2561 / 14:37:02", later),
        encoding="utf-8",
    )
    out, err, status = run(soon)
    assert status == 1
    [line] = [line for line in err.splitlines() if "soon.txt" in line]
    assert "อนาคต" in line and later in line
    assert "failed=1" in out
    assert not Article.objects.exists()
