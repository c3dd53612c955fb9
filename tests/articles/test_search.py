"""Thai search: the checks of the search issue, on SQLite and on PostgreSQL."""

import unicodedata
from datetime import UTC, date, datetime, timedelta

import pytest
from django.utils import timezone

from articles.models import Article, DailyRead, SearchDocument
from articles.reads import bangkok_today
from articles.search import index_article, most_read, reindex_all, search_articles
from articles.services.articles import article_unpublish, article_update
from tests.factories import make_article, make_user


def _ids(results):
    return [hit.article.pk for hit in results]


@pytest.fixture
def phayao_and_lampang(agency, other_agency):
    phayao = [
        make_article(
            agency=agency, title="ผู้ว่าฯ เปิดงานเทศกาลลิ้นจี่", body="<p>งานใหญ่ประจำปี</p>"
        ),
        make_article(
            agency=agency,
            title="รณรงค์ป้องกันไข้เลือดออก",
            body="<p>จังหวัดพะเยาเตือนประชาชน</p>",
        ),
    ]
    lampang = make_article(
        agency=other_agency, title="ตลาดนัดชุมชน", body="<p>ชาวลำปางร่วมงาน</p>"
    )
    return phayao, lampang


def test_word_inside_a_compound_is_found(db):
    target = make_article(
        title="ประชุมคณะทำงาน",
        body="<p>ที่ประชุมหารือแนวทางการบริหารจัดการภาครัฐแบบใหม่ในพื้นที่</p>",
    )
    make_article(title="ข่าวอื่น", body="<p>ไม่เกี่ยวข้องกัน</p>")
    assert _ids(search_articles("ภาครัฐ")) == [target.pk]


def test_province_finds_that_provinces_articles(phayao_and_lampang):
    phayao, lampang = phayao_and_lampang
    found = _ids(search_articles("พะเยา"))
    # The agency (ส.ปชส.พะเยา) is indexed with each article.
    assert set(found) == {a.pk for a in phayao}
    assert lampang.pk not in found


def test_thai_digits_find_arabic_digits(db):
    target = make_article(title="งบประมาณปี 2567 ผ่านการอนุมัติ")
    make_article(title="งบประมาณปีหน้า")
    assert _ids(search_articles("๒๕๖๗")) == [target.pk]
    assert _ids(search_articles("ปี ๒๕๖๗")) == [target.pk]


def test_two_word_query_ranks_the_article_with_both_first(db):
    both = make_article(
        title="ข่าวการเกษตร",
        body="<p>เกษตรกรปลูกลำไยและส่งออกไปต่างประเทศ</p>",
        published_at=timezone.now() - timedelta(days=3),
    )
    only_one = make_article(title="ลำไยราคาดี", published_at=timezone.now())
    results = search_articles("ลำไย ส่งออก")
    assert _ids(results)[0] == both.pk
    assert results.all_terms
    # With no article holding both terms, either term is enough (title first).
    results = search_articles("ลำไย ทุเรียน")
    assert not results.all_terms and _ids(results) == [only_one.pk, both.pk]


def test_title_ranks_above_body_and_newer_above_older(db):
    now = timezone.now()
    in_body = make_article(
        title="ข่าวทั่วไป", body="<p>เรื่องของกาแฟดอยช้าง</p>", published_at=now
    )
    in_title_old = make_article(
        title="กาแฟดอยช้างได้รางวัล", published_at=now - timedelta(days=9)
    )
    in_title_new = make_article(
        title="กาแฟดอยช้างส่งออก", published_at=now - timedelta(days=1)
    )
    assert _ids(search_articles("กาแฟ")) == [
        in_title_new.pk,
        in_title_old.pk,
        in_body.pk,
    ]


def test_whole_word_ranks_above_substring(db):
    # newmm keeps ชาวต่างชาติ whole: ต่างชาติ is inside it only as a substring.
    substring = make_article(title="ชาวต่างชาติเที่ยวงาน", published_at=timezone.now())
    word = make_article(
        title="นักท่องเที่ยวต่างชาติ มาก",
        published_at=timezone.now() - timedelta(days=5),
    )
    assert _ids(search_articles("ต่างชาติ")) == [word.pk, substring.pk]


def test_only_published_and_due_articles_are_found(db):
    shown = make_article(title="สะพานใหม่เปิดใช้")
    make_article(title="สะพานใหม่ฉบับร่าง", status=Article.Status.DRAFT)
    make_article(
        title="สะพานใหม่ตั้งเวลา", published_at=timezone.now() + timedelta(days=1)
    )
    make_article(title="สะพานใหม่ถอน", status=Article.Status.UNPUBLISHED)
    assert _ids(search_articles("สะพาน")) == [shown.pk]


def test_a_scheduled_article_becomes_findable_when_due(db):
    article = make_article(
        title="ประกาศผลสอบ", published_at=timezone.now() + timedelta(hours=1)
    )
    assert _ids(search_articles("ผลสอบ")) == []
    Article.objects.filter(pk=article.pk).update(
        published_at=timezone.now() - timedelta(minutes=1)
    )
    assert _ids(search_articles("ผลสอบ")) == [article.pk]


def test_filters_by_agency_and_by_bangkok_date_range(agency, other_agency):
    june = make_article(
        agency=agency,
        title="อบรมอาสาสมัคร",
        # 23:30 on 14 June in Bangkok, still 14 June there.
        published_at=datetime(2024, 6, 14, 16, 30, tzinfo=UTC),
    )
    july = make_article(
        agency=agency,
        title="อบรมอาสาสมัครรุ่นสอง",
        published_at=datetime(2024, 7, 2, 3, 0, tzinfo=UTC),
    )
    lampang = make_article(
        agency=other_agency,
        title="อบรมอาสาสมัครลำปาง",
        published_at=datetime(2024, 6, 14, 3, 0, tzinfo=UTC),
    )
    assert set(_ids(search_articles("อบรม", agency=agency))) == {june.pk, july.pk}
    assert _ids(search_articles("อบรม", agency=other_agency.pk)) == [lampang.pk]
    in_june = search_articles(
        "อบรม", date_from=date(2024, 6, 14), date_to=date(2024, 6, 14)
    )
    assert set(_ids(in_june)) == {june.pk, lampang.pk}
    assert _ids(search_articles("อบรม", date_from=date(2024, 6, 15))) == [july.pk]


def test_results_are_paged_twenty_at_a_time_with_the_total(db):
    for n in range(23):
        make_article(title=f"ประชุมประจำเดือน ครั้งที่ {n}")
    first = search_articles("ประชุม")
    assert first.total == 23 and len(first) == 20 and first.num_pages == 2
    second = search_articles("ประชุม", page=2)
    assert len(second) == 3 and second.number == 2
    assert not set(_ids(first)) & set(_ids(second))
    # Past the end: the last page, not an error.
    assert search_articles("ประชุม", page=99).number == 2


def test_snippet_highlights_the_term_and_cuts_at_word_boundaries(db):
    before = "ข้อความนำก่อนหน้ายาวมาก " * 12
    after = " และต่อด้วยข้อความอื่นอีกยาวมาก" * 12
    text = before + "ผู้ว่าราชการจังหวัดพะเยาเปิดงาน" + after
    make_article(title="เปิดงาน", body=f"<p>{text}</p>")
    html = str(search_articles("ผู้ว่าราชการ")[0].snippet_html)
    assert "<mark>ผู้ว่าราชการ</mark>" in html
    shown = html.replace("<mark>", "").replace("</mark>", "")
    assert shown.startswith("… ") and shown.endswith(" …")
    inner = shown[2:-2]
    assert len(inner) < 200
    # Whole words of the text: nothing starts with a vowel or tone mark cut
    # from its consonant, nothing ends with a leading vowel cut from its own.
    assert inner in " ".join(text.split())
    assert not unicodedata.category(inner[0]).startswith("M")
    assert inner[-1] not in "เแโใไ"


def test_index_follows_edits_and_deletion(db):
    article = make_article(title="ถนนชำรุด")
    assert _ids(search_articles("ถนน")) == [article.pk]
    article.title = "สะพานชำรุด"
    article.save()
    assert _ids(search_articles("ถนน")) == []
    assert _ids(search_articles("สะพาน")) == [article.pk]
    article.delete()
    assert not SearchDocument.objects.exists()
    assert _ids(search_articles("สะพาน")) == []


def test_reindex_all_rebuilds_a_lost_index(db):
    article = make_article(title="แข่งขันกีฬาสี")
    SearchDocument.objects.all().delete()
    assert _ids(search_articles("กีฬา")) == []
    assert reindex_all() == Article.objects.count()
    assert _ids(search_articles("กีฬา")) == [article.pk]


def test_index_article_is_idempotent(db):
    article = make_article(title="เทศกาลโคมไฟ")
    index_article(article)
    index_article(article)
    assert SearchDocument.objects.filter(article=article).count() == 1
    assert _ids(search_articles("โคมไฟ")) == [article.pk]


@pytest.mark.parametrize(
    "query",
    [
        '"', "'", '"ภาครัฐ', "ภาครัฐ AND OR NOT", "NEAR(ภาครัฐ)", "ภาครัฐ*", "^ภาครัฐ",
        "'; DROP TABLE articles_article; --", "1' OR '1'='1", "%", "_", "%_%", "ภาค%รัฐ",
        "\x00", "ภาค\x00รัฐ", "😀", "ภาครัฐ 😀🇹🇭", "a:b", "title:ภาครัฐ", "(((",
        "!&|<->:*",
        "ก" * 5000, "ภาครัฐ " * 100, "\u200bภาครัฐ\u200b", "่่่", " ", "",
    ],
)  # fmt: skip
def test_hostile_queries_answer_without_error(db, query):
    make_article(title="การบริหารจัดการภาครัฐ")
    results = search_articles(query)
    assert results.total == len(results.hits) <= 20


def test_desk_edits_and_unpublishing_reach_the_index_and_lists(agency):
    editor = make_user(agencies=[agency])
    article = make_article(agency=agency, title="น้ำประปาไม่ไหล")
    assert _ids(search_articles("ประปา")) == [article.pk]
    # The desk saves with a conditional UPDATE (no Article post_save).
    article = article_update(
        article=article, user=editor, version=article.version, title="ไฟฟ้าดับทั้งตำบล"
    )
    assert _ids(search_articles("ประปา")) == []
    assert _ids(search_articles("ไฟฟ้า")) == [article.pk]
    DailyRead.objects.create(article=article, day=bangkok_today(), count=9)
    assert [a.pk for a in most_read(days=1)] == [article.pk]
    article_unpublish(article=article, user=editor)
    assert most_read(days=1) == []
    assert _ids(search_articles("ไฟฟ้า")) == []


def test_a_short_word_only_in_the_body_is_found(db):
    # Three characters: matched through the substring index, which must hold
    # words of that length too.
    target = make_article(title="ข่าวทั่วไป", body="<p>ชาวบ้านช่วยกันดูแลป่าชุมชน 123 ไร่</p>")
    make_article(title="ข่าวอื่น", body="<p>ไม่เกี่ยวข้อง</p>")
    assert _ids(search_articles("ป่า")) == [target.pk]
    assert _ids(search_articles("123")) == [target.pk]
