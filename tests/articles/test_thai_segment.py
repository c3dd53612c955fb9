"""Segmentation: newmm with our dictionary, normalisation before it, and the
promise that a page which never segments never loads pythainlp."""

import subprocess
import sys
import textwrap
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from articles import thai
from articles.search.text import clean_token, query_terms, terms_of


def test_agency_and_office_names_stay_whole():
    words = thai.segment("หน่วยงาน ส.ปชส.พะเยา ร่วมกับ สวท.น่าน และนายอำเภอแม่สาย")
    assert "ส.ปชส.พะเยา" in words and "สวท.น่าน" in words
    assert "แม่สาย" in words and "นายอำเภอ" in words


def test_a_word_in_the_middle_of_a_sentence_is_cut_out():
    assert thai.segment("การบริหารจัดการภาครัฐ") == ["การบริหาร", "จัดการ", "ภาครัฐ"]
    assert "พะเยา" in thai.segment("จังหวัดพะเยาจัดงานลิ้นจี่")


def test_words_added_later_join_the_dictionary():
    assert "กว๊านน้อยทดสอบ" not in thai.segment("ไปกว๊านน้อยทดสอบวันนี้")
    thai.add_words(["กว๊านน้อยทดสอบ"])
    assert "กว๊านน้อยทดสอบ" in thai.segment("ไปกว๊านน้อยทดสอบวันนี้")


def test_normalize_thai_digits_zero_width_and_mark_order():
    assert thai.normalize("ปี ๒๕๖๗") == "ปี 2567"
    assert thai.normalize("ภาค\u200bรัฐ") == "ภาครัฐ"
    # Double Sara E is Sara Ae; a tone mark typed before its vowel moves after.
    assert thai.normalize("เเปลก") == "แปลก"
    assert thai.normalize("ก\u0e48\u0e34น") == "ก\u0e34\u0e48น"
    # Decomposed Sara Am (Nikhahit + Sara Aa) is the one Sara Am.
    assert thai.normalize("น\u0e4d\u0e32") == "น\u0e33"


def test_a_query_is_segmented_like_a_document():
    assert query_terms("ภาครัฐ ๒๕๖๗") == ["ภาครัฐ", "2567"]
    assert query_terms("การบริหารจัดการภาครัฐ") == ["การบริหาร", "จัดการ", "ภาครัฐ"]


def test_keep_whitespace_joins_back_into_the_normalised_text():
    text = "จังหวัดพะเยา  จัดงาน (ครั้งที่ ๒)"
    assert "".join(thai.segment(text, keep_whitespace=True)) == thai.normalize(text)


def test_clean_token_keeps_letters_digits_and_marks_only():
    assert clean_token("ส.ปชส.พะเยา") == ["ส", "ปชส", "พะเยา"]
    assert clean_token('"; DROP TABLE --') == ["drop", "table"]
    assert clean_token("😀%_\x00*") == []
    assert clean_token("\u0e48\u0e48") == []  # tone marks alone are not a word


THAI = st.text(
    alphabet=st.sampled_from(
        [chr(c) for c in range(0x0E01, 0x0E5C)]
        + [" ", " ", "\n", "\t", "\u200b", "\u200c", "a", "A", "1", "."]
    ),
    max_size=30,
)


@settings(max_examples=600, deadline=None)
@given(THAI)
def test_normalize_matches_pythainlp_normalize(text):
    from pythainlp.util import normalize as reference

    expected = reference(
        thai.arabic_digits(unicodedata.normalize("NFC", thai.ZERO_WIDTH.sub("", text)))
    )
    assert thai.normalize(text) == expected


@settings(max_examples=300, deadline=None)
@given(st.one_of(THAI, st.text(max_size=60)))
def test_terms_are_the_clean_words_of_the_segmented_text(text):
    tokens = thai.segment(text, keep_whitespace=True)
    expected = clean_token(" ".join(tokens))
    assert terms_of(text) == expected
    assert terms_of(text) == expected  # and again, from the cleaned tokens kept


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_any_text_segments_into_clean_terms(text):
    for term in query_terms(text):
        assert term and term == term.lower()
        assert all(
            ch.isalnum() or unicodedata.category(ch).startswith("M") for ch in term
        )


def test_pages_that_do_not_segment_never_load_pythainlp(db, tmp_path):
    # A fresh interpreter with the test settings: import the URLconf and views,
    # render the home page and an article page, and look at sys.modules.
    code = textwrap.dedent(
        """
        import os, sys
        os.environ["DJANGO_SETTINGS_MODULE"] = "newsroom.settings.test"
        os.environ["DATABASE_URL"] = "sqlite:///" + sys.argv[1]
        import django
        django.setup()
        from django.core.management import call_command
        call_command("migrate", verbosity=0)
        import newsroom.urls, articles.views.public, articles.views.search
        import articles.views.feeds, articles.sitemaps
        from django.db.models.signals import post_save
        from articles.models import Agency, Article
        from articles.services.articles import article_create
        from django.utils import timezone
        # Save without the index signal: this process must not segment.
        post_save.disconnect(sender=Article, dispatch_uid="search-index")
        article = article_create(
            title="ข่าวทดสอบ", body="<p>เนื้อข่าว</p>",
            agency=Agency.objects.get(slug="pr-phayao"),
            status="published", published_at=timezone.now(),
        )
        from django.test import Client
        client = Client()
        pages = ("/", article.get_absolute_url(), "/feeds/latest.xml", "/sitemap.xml")
        for url in pages:
            assert client.get(url).status_code == 200, url
        loaded = sorted(m for m in sys.modules if m.startswith(("pythainlp", "nlpo3")))
        print("LOADED:" + ",".join(loaded))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "db.sqlite3")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    loaded = [line for line in done.stdout.splitlines() if line.startswith("LOADED:")]
    assert loaded == ["LOADED:"], done.stdout[-2000:]


def test_dictionary_is_pythainlp_word_list_and_ours():
    from pythainlp.corpus import thai_words

    from articles import thai
    from articles.thai_words import GOVERNMENT_WORDS

    thai.add_words(["สำนักงานประชาสัมพันธ์จังหวัดทดสอบ"])
    expected = set(thai_words()) | GOVERNMENT_WORDS | thai._extra_words.keys()
    expected = {w for w in expected if w.strip() and "\n" not in w}
    assert set(thai.dictionary_words()) == expected
