"""/search/?q=: Thai search over published news."""

from django.shortcuts import render

from articles.search import search_articles
from articles.search.forms import SearchForm, agency_choices

MAX_PAGE = 1000


def _page_number(value):
    try:
        return min(max(int(value), 1), MAX_PAGE)
    except (TypeError, ValueError):
        return 1


def search_view(request):
    """Always 200: an empty query shows guidance, a bad filter its Thai error
    next to the field (the search runs without that filter)."""
    form = SearchForm(request.GET or None, agency_choices=agency_choices(request))
    results, filters = None, {}
    if form.is_bound:
        form.is_valid()
        cleaned = form.cleaned_data
        filters = {
            name: cleaned.get(name)
            for name in ("agency", "date_from", "date_to")
            if name not in form.errors
        }
        query = cleaned.get("q") or request.GET.get("q", "")
        if query.strip():
            results = search_articles(
                query, page=_page_number(request.GET.get("page")), **filters
            )
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "articles/search.html",
        {"form": form, "results": results, "querystring": params.urlencode()},
    )
