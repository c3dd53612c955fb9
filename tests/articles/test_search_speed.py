"""What a search does not repeat: counting the visible news for an estimate."""

from datetime import timedelta

from django.utils import timezone

from articles.models import Article
from articles.search import search_articles
from articles.search.backends import base, estimate, get_backend
from tests.factories import make_article


def _common_word_news(count):
    now = timezone.now()
    return [
        make_article(
            title=f"อบรมอาสาสมัคร รุ่นที่ {n}", published_at=now - timedelta(hours=n + 1)
        )
        for n in range(count)
    ]


def test_the_visible_count_behind_an_estimate_is_counted_once_a_minute(db, monkeypatch):
    monkeypatch.setattr(base, "WINDOW", 3)
    _common_word_news(5)
    backend = type(get_backend())
    calls = []
    counted = backend.count_visible
    monkeypatch.setattr(
        backend, "count_visible", lambda self, f: calls.append(f) or counted(self, f)
    )
    first = search_articles("อบรม", per_page=1)
    again = search_articles("อบรม", per_page=1, page=2)
    assert first.about and again.about and first.total == again.total
    assert len(calls) == 1
    # A minute later it is counted again.
    clock = estimate.time.monotonic() + estimate.TTL_SECONDS + 1
    monkeypatch.setattr(estimate.time, "monotonic", lambda: clock)
    search_articles("อบรม", per_page=2)
    assert len(calls) == 2


def test_a_new_article_makes_the_estimate_count_again(db, monkeypatch):
    monkeypatch.setattr(base, "WINDOW", 3)
    # PostgreSQL's own figure is the planner's guess: count exactly here.
    backend = type(get_backend())
    monkeypatch.setattr(
        backend, "count_visible", lambda self, f: Article.objects.published().count()
    )
    _common_word_news(5)
    assert search_articles("อบรม", per_page=2).total == 5
    _common_word_news(1)  # six visible now, every one matching
    assert search_articles("อบรม", per_page=2).total == 6


def test_the_agency_select_is_the_markup_django_renders(agency, other_agency):
    from django import forms
    from django.test.html import parse_html

    from articles.search.forms import SearchForm

    form = SearchForm({"q": "ข่าว", "agency": other_agency.slug})
    assert form.is_valid()
    field = form.fields["agency"]
    stock = forms.Select(choices=field.choices).render(
        "agency", form["agency"].value(), {"id": "id_agency"}
    )
    ours = str(form["agency"])
    assert parse_html(ours) == parse_html(stock)  # the same, whitespace aside
    assert f'<option value="{other_agency.slug}" selected>' in ours
    assert '<option value="">ทุกหน่วยงาน</option>' in ours


def test_the_text_inputs_are_the_markup_django_renders(db):
    from django import forms
    from django.test.html import parse_html

    from articles.search.forms import SearchForm

    form = SearchForm({"q": 'ข่าว "<ลำไย>"', "date_from": "14/6/2567"})
    form.is_valid()
    for name in ("q", "date_from", "date_to"):
        widget = form.fields[name].widget
        stock = forms.TextInput(attrs={**widget.attrs, "type": widget.input_type})
        value = form[name].value()
        ours = str(form[name])
        attrs = {"id": f"id_{name}", **form[name].build_widget_attrs({})}
        expected = stock.render(name, value, attrs)
        assert parse_html(ours) == parse_html(expected), name
    assert 'value="ข่าว &quot;&lt;ลำไย&gt;&quot;"' in str(form["q"])


def test_given_agency_choices_the_select_needs_no_query(
    agency, other_agency, django_assert_num_queries
):
    from articles.search.forms import SearchForm

    choices = [(a.slug, a.short_name) for a in (agency, other_agency)]
    form = SearchForm({"q": "ข่าว"}, agency_choices=choices)
    with django_assert_num_queries(0):
        html = str(form["agency"])
    option = f'<option value="{other_agency.slug}">{other_agency.short_name}</option>'
    assert option in html
    chosen = SearchForm({"agency": other_agency.slug}, agency_choices=choices)
    assert chosen.is_valid() and chosen.cleaned_data["agency"] == other_agency


def test_a_rows_own_word_test_agrees_with_the_word_index(db):
    from django.db import connection

    backend = get_backend()
    make_article(title="ชาวสวนลำไยพะเยา", body="<p>ราคา ลำไย ดี PM2.5 สูง</p>")
    make_article(title="ลำไยอบแห้ง", lead="<p>ส่งออก</p>")
    make_article(title="ข่าวอื่น", body="<p>ประชุมประจำเดือน</p>")
    matched = 0
    for term in ("ลำไย", "pm2", "5", "ส่งออก", "ประชุม", "ประจำ", "พะเยา", "ไม่มี"):
        found = {}
        for name, test in (("index", backend.word_match), ("row", backend.word_test)):
            sql, params = test(term)
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT d.article_id FROM articles_searchdocument d WHERE {sql}",
                    params,
                )
                found[name] = {row[0] for row in cursor.fetchall()}
        assert found["index"] == found["row"], term
        matched += bool(found["row"])
    assert matched >= 4  # not agreeing only on finding nothing
