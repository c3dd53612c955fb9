"""Search in stages: a word in much of the news is ranked among the newest
matches and counted as a lower bound; related news looks at neighbours only.

The stages' sizes are made tiny here so that a handful of articles reach them."""

from contextlib import nullcontext
from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.utils import timezone

from articles.models import Article
from articles.search import related_articles, search_articles
from articles.search.backends import base, get_backend
from articles.search.backends import related as backends_related
from tests.factories import make_article


def _ids(results):
    return [hit.article.pk for hit in results]


def _ago(days):
    return timezone.now() - timedelta(days=days)


@pytest.fixture
def small_stages(monkeypatch):
    monkeypatch.setattr(base, "WINDOW", 3)
    monkeypatch.setattr(base, "WORDS_WINDOW", 4)
    monkeypatch.setattr(base, "CAP", 2)


def test_a_common_word_is_ranked_among_the_newest_news(db, small_stages):
    old_title = make_article(title="ประชุมสรุปผลงาน", published_at=_ago(30))
    body = [
        make_article(title=f"ข่าวที่ {n}", body="<p>มีการประชุม</p>", published_at=_ago(n))
        for n in range(1, 4)
    ]
    results = search_articles("ประชุม", per_page=2)
    # The newest three articles all match: the page comes from them, newest first.
    assert _ids(results) == [body[0].pk, body[1].pk]
    assert old_title.pk not in _ids(results)
    # All of the window matched: the total is estimated from that share.
    assert results.about and results.total >= 3 and results.has_next


def test_whole_words_among_the_newest_fill_the_page(db, small_stages, monkeypatch):
    monkeypatch.setattr(base, "WORDS_WINDOW", 5)
    older_in_title = make_article(title="ลำไยราคาดี", published_at=_ago(30))
    in_body = [
        make_article(
            title=f"ข่าวเกษตร {n}", body="<p>ชาวสวนลำไย</p>", published_at=_ago(n)
        )
        for n in (1, 2, 4)
    ]
    for n in (0, 3):
        make_article(title=f"ข่าวอื่น {n}", published_at=_ago(n))
    results = search_articles("ลำไย", per_page=2)
    # Two matches in the newest three, too few for a page and one more; whole
    # words in two of three promise enough in the newest five, and are there.
    assert _ids(results) == [in_body[0].pk, in_body[1].pk]
    assert results.about and results.total >= 3
    assert older_in_title.pk not in _ids(results)


def test_whole_words_alone_fill_the_page_when_there_are_enough(db, small_stages):
    words = [
        make_article(title=f"ลำไยส่งออก รอบที่ {n}", published_at=_ago(10 + n))
        for n in range(3)
    ]
    make_article(title="ชาวสวนลำไยพะเยา", published_at=_ago(20))  # word too
    for n in range(3):  # the window: the newest news, without the word
        make_article(title=f"ข่าวอื่น {n}", published_at=_ago(n))
    results = search_articles("ลำไย", per_page=2)
    assert _ids(results) == [words[0].pk, words[1].pk]
    # Ranked among the newest three (the page and one more); at least three.
    assert results.total == 3 and not results.exact and not results.about


def test_past_the_cap_only_the_newest_matches_are_ranked(db, small_stages):
    # ภาครัฐ is only ever inside a longer word here: no whole-word matches.
    compounds = [
        make_article(
            title="การบริหารจัดการภาครัฐ" if n == 3 else f"รายงาน {n}",
            body="<p>การบริหารจัดการภาครัฐแบบใหม่</p>",
            published_at=_ago(10 + n),
        )
        for n in range(4)
    ]
    for n in range(3):
        make_article(title=f"ข่าวอื่น {n}", published_at=_ago(n))
    results = search_articles("ภาครัฐ", per_page=1)
    # The oldest, with the term in its title, is past the three newest matches.
    assert _ids(results) == [compounds[0].pk]
    assert results.total == 2 and not results.exact and not results.about
    assert results.has_next
    assert _ids(search_articles("ภาครัฐ", per_page=1, page=2)) == [compounds[1].pk]


def test_a_lower_bound_total_says_at_least(client, agency, monkeypatch):
    monkeypatch.setattr(base, "WINDOW", 1)
    for n in range(22):
        make_article(title=f"อบรมอาสาสมัคร รุ่นที่ {n}", published_at=_ago(n + 1))
    make_article(title="ข่าวล่าสุด", published_at=_ago(0))
    html = client.get("/search/", {"q": "อบรม"}).content.decode()
    assert "พบอย่างน้อย" in html and html.count('class="card search-hit"') == 20
    assert "page=2" in html


def test_an_estimated_total_says_about(client, agency, monkeypatch):
    monkeypatch.setattr(base, "WINDOW", 21)
    backend = type(get_backend())
    monkeypatch.setattr(backend, "count_visible", lambda self, filters: 12_345)
    for n in range(22):
        make_article(title=f"อบรมอาสาสมัคร รุ่นที่ {n}", published_at=_ago(n + 1))
    html = client.get("/search/", {"q": "อบรม"}).content.decode()
    # Every one of the newest articles matched: about all of them, rounded.
    assert "พบประมาณ" in html and "12,000" in html


def test_related_news_looks_only_at_neighbours_in_time(
    agency, other_agency, monkeypatch
):
    monkeypatch.setattr(backends_related, "AROUND", 2)
    far_before = make_article(
        agency=other_agency, title="ลิ้นจี่พะเยาส่งออก", published_at=_ago(40)
    )
    make_article(agency=other_agency, title="ข่าวอื่น ก", published_at=_ago(31))
    make_article(agency=other_agency, title="ข่าวอื่น ข", published_at=_ago(30))
    article = make_article(agency=agency, title="ลิ้นจี่พะเยา", published_at=_ago(20))
    follow_up = make_article(
        agency=other_agency, title="ลิ้นจี่พะเยาราคาดี", published_at=_ago(10)
    )
    article = Article.objects.select_related("search_document").get(pk=article.pk)
    related = [a.pk for a in related_articles(article)]
    assert related == [follow_up.pk]
    assert far_before.pk not in related


# serialized_rollback: the agencies come from a data migration; a flush would
# take them from the tests that follow.
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's statement settings"
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("outer_transaction", [False, True])
def test_postgresql_settings_last_one_query_in_or_out_of_a_transaction(
    monkeypatch, outer_transaction
):
    from articles.search.backends import postgresql

    def settings():
        with connection.cursor() as cursor:
            cursor.execute("SHOW statement_timeout")
            timeout = cursor.fetchone()[0]
            cursor.execute("SHOW enable_indexscan")
            return timeout, cursor.fetchone()[0]

    monkeypatch.setattr(postgresql, "TIMEOUT_MS", 50)
    backend = postgresql.PostgresBackend()
    with transaction.atomic() if outer_transaction else nullcontext():
        with pytest.raises(base.SearchTooBroad):
            backend.fetch("SELECT pg_sleep(1)", [], bitmap=True)
        assert backend.fetch("SHOW enable_indexscan", [], bitmap=True) == [("off",)]
        assert settings() == ("0", "on")


def test_paging_never_repeats_or_skips_an_article(db, small_stages):
    window = [
        make_article(
            title=f"ข่าวเกษตร {n}", body="<p>ชาวสวนลำไย</p>", published_at=_ago(n)
        )
        for n in (0, 1)
    ]
    make_article(title="ข่าวอื่น", published_at=_ago(2))
    older = [
        make_article(title=f"ลำไยส่งออก รอบที่ {n}", published_at=_ago(10 + n))
        for n in range(4)
    ]
    seen, page = [], 1
    while True:
        results = search_articles("ลำไย", per_page=2, page=page)
        seen += _ids(results)
        if not results.has_next:
            break
        page += 1
    assert len(seen) == len(set(seen))
    assert set(seen) == {a.pk for a in window + older}
    assert seen[:2] == [a.pk for a in window]  # the newest news first
