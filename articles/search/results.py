"""search_articles: one interface over both back ends."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.utils.functional import cached_property

from articles.models import Article
from articles.search.backends import get_backend
from articles.search.backends.base import SearchTooBroad
from articles.search.backends.sql import Filters
from articles.search.dictionary import ensure_agency_words
from articles.search.query import parse_query
from articles.search.snippets import (
    highlight,
    highlight_found,
    html_around_first,
    snippet,
)
from articles.search.text import plain_text
from articles.thai import BANGKOK

PAGE_SIZE = 20


@dataclass
class Hit:
    article: Article
    rank: float
    terms: list = field(repr=False)  # the text highlighted (plan.highlights)

    # The card's links, reversed once here: the template used the article's
    # twice and the agency's once per card (20 cards a page).
    @cached_property
    def url(self):
        return self.article.get_absolute_url()

    @cached_property
    def agency_url(self):
        return self.article.agency.get_absolute_url()

    @cached_property
    def title_html(self):
        return highlight(self.article.title, self.terms)

    @cached_property
    def snippet_html(self):
        source = plain_text(self.article.lead) or ""
        body = plain_text(html_around_first(self.article.body, self.terms))
        # The body when it holds a term the lead lacks; else the lead.
        if not source or highlight_found(body, self.terms):
            source = body or source
        return snippet(source, self.terms)


@dataclass
class SearchResults:
    query: str
    terms: list
    hits: list
    total: int
    number: int = 1
    per_page: int = PAGE_SIZE
    all_terms: bool = True  # False: no article had every piece; some shown
    too_broad: bool = False  # the terms are in too much of the news to rank
    exact: bool = True  # False: `total` is a lower bound (a word in much news)
    about: bool = False  # `total` is an estimate (a word in much news)

    def __iter__(self):
        return iter(self.hits)

    def __len__(self):
        return len(self.hits)

    def __getitem__(self, index):
        return self.hits[index]

    @property
    def num_pages(self):
        return max(1, -(-self.total // self.per_page))

    @property
    def has_previous(self):
        return self.number > 1

    @property
    def has_next(self):
        # Past a lower bound there may be more: the next page looks further.
        return self.number < self.num_pages or (
            not self.exact and self.number * self.per_page >= self.total
        )

    @property
    def previous_page_number(self):
        return self.number - 1

    @property
    def next_page_number(self):
        return self.number + 1


def _day_start(day):
    return datetime.combine(day, time.min, tzinfo=BANGKOK)


def _filters(agency, date_from, date_to):
    agency_id = getattr(agency, "pk", agency)
    start = _day_start(date_from) if isinstance(date_from, date) else None
    # date_to is inclusive: everything before the next day's midnight.
    end = _day_start(date_to + timedelta(days=1)) if isinstance(date_to, date) else None
    return Filters(agency_id=agency_id, start=start, end=end)


def search_articles(
    query, *, agency=None, date_from=None, date_to=None, page=1, per_page=PAGE_SIZE
):
    """Published articles matching query, best first, one page of them.

    The query's text (spaces and punctuation aside) found anywhere in the
    article comes first; when no article holds it, articles holding every
    piece typed, then every word of it in another order; for a query of
    several pieces, when none has them all, articles with some of them
    (all_terms False). Whole words rank above text inside words, the title
    above the lead above the body, newer first on ties. `agency` is an Agency
    or its id; dates are Asia/Bangkok days (see query.py).
    """
    ensure_agency_words()
    parsed = parse_query(query)
    results = SearchResults(query=query, terms=parsed.terms, hits=[], total=0)
    if not parsed.plans:
        return results
    try:
        return _search(
            results, parsed.plans, agency, date_from, date_to, page, per_page
        )
    except SearchTooBroad:
        results.too_broad = True
        return results


def _search(results, plans, agency, date_from, date_to, page, per_page):
    backend = get_backend()
    filters = _filters(agency, date_from, date_to)
    page = max(1, int(page or 1))
    found = None
    for plan in plans:

        def page_of(number, plan=plan):
            return backend.search(
                plan, filters, limit=per_page, offset=(number - 1) * per_page
            )

        found = page_of(page)
        if not found.rows and found.total and page > 1:
            page = -(-found.total // per_page)  # past the last page: the last
            found = page_of(page)
        if found.rows:
            results.all_terms = plan.require_all
            break
    if not found.rows:
        return results
    # The cards show no read count: no join of the reads table.
    articles = Article.objects.select_related("agency", "lead_photo").in_bulk(
        [pk for pk, _ in found.rows]
    )
    results.hits = [
        Hit(article=articles[pk], rank=float(score), terms=plan.highlights)
        for pk, score in found.rows
        if pk in articles
    ]
    results.total = found.total
    results.exact = found.exact
    results.about = found.about
    results.number = page
    results.per_page = per_page
    return results
