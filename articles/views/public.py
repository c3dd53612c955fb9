"""Public pages: latest news, one agency's news, one article."""

import re

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.templatetags.static import static
from django.utils.text import Truncator
from django.views.generic import DetailView, ListView

from articles.models import Agency, Article
from articles.pagecache import keys, render
from articles.pagination import CachedCountPaginator
from articles.reads import read_record
from articles.search import related_articles
from articles.search.text import plain_text

PAGE_SIZE = 20
SHARE_DEFAULT = "img/share-default.png"  # 1200x630, like every Photo.share
# Thai ends a sentence with a space, not a full stop (น. and ส.ปชส. are
# abbreviations); short phrases before the first space are not sentences yet.
FIRST_SENTENCE = re.compile(r"^(.{60,}?)\s")


def first_sentence(html, limit=200):
    text = plain_text(html)
    match = FIRST_SENTENCE.match(text)
    if match:
        text = match.group(1)
    return Truncator(text).chars(limit)


def share_image_url(request, article):
    """Absolute URL of the article's 1200x630 share picture, or the site's."""
    photo = article.photos.exclude(share="").order_by("created_at", "id").first()
    url = photo.share.url if photo else static(SHARE_DEFAULT)
    return request.build_absolute_uri(url)


class MostReadMixin:
    def get_context_data(self, **kwargs):
        # Filled per response from its own one-minute cache (pagecache.render).
        holes = render.holes(self.request)
        return super().get_context_data(most_read_block=holes.most_read, **kwargs)


class ArticleListView(MostReadMixin, ListView):
    template_name = "articles/article_list.html"
    context_object_name = "articles"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        return Article.objects.for_listing()

    def get_paginator(self, queryset, per_page, **kwargs):
        generation = render.generation(self.request)
        key = f"list-count:{generation}:{self.kwargs.get('slug', '')}"
        return CachedCountPaginator(queryset, per_page, count_key=key, **kwargs)

    def cache_name(self):
        # None for a page number the front app would not look up: not stored.
        page = self.request.GET.get("page", "1")
        if not keys.PAGE_NUMBER.fullmatch(page):
            return None
        return keys.list_name(self.kwargs.get("slug", ""), page)

    def get(self, request, *args, **kwargs):
        page = render.fetch(request, self.cache_name())
        if page is None:
            response = super().get(request, *args, **kwargs)
            page = render.store(
                request,
                self.cache_name(),
                response,
                render.LIST_SECONDS,
                stale_for=render.LIST_STALE_SECONDS,
            )
        return render.respond(request, page)


class AgencyArticleListView(ArticleListView):
    def get_queryset(self):
        self.agency = get_object_or_404(Agency, slug=self.kwargs["slug"])
        return super().get_queryset().filter(agency=self.agency)

    def get_context_data(self, **kwargs):
        return super().get_context_data(agency=self.agency, **kwargs)


class ArticleDetailView(MostReadMixin, DetailView):
    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        # The stored title words for related news come along (not the body's).
        return (
            Article.objects.published()
            .select_related("agency", "author", "editor", "search_document")
            .defer(
                "search_document__body",
                "search_document__extra",
                "search_document__plain",
                "search_document__document",
            )
        )

    def get(self, request, *args, **kwargs):
        name = keys.article_name(kwargs["pk"])
        page = render.fetch(request, name)
        if page is None:
            self.object = self.get_object()
            response = self.render_to_response(self.get_article_context())
            page = render.store(request, name, response, render.ARTICLE_SECONDS)
        # A cached page is a published article: the key's generation moves on
        # with every unpublish or edit.
        reads = read_record(article_id=kwargs["pk"], request=request)
        return render.respond(request, page, reads=reads)

    def get_article_context(self):
        article = self.object
        return self.get_context_data(
            object=article,
            read_count=render.holes(self.request).reads,
            canonical_url=self.request.build_absolute_uri(article.get_absolute_url()),
            share_description=(
                Truncator(plain_text(article.lead)).chars(200)
                if article.lead_text
                else first_sentence(article.body)
            ),
            share_image=share_image_url(self.request, article),
            related=related_articles(article),
        )

    def get_object(self, queryset=None):
        try:
            return super().get_object(queryset)
        except (Article.DoesNotExist, ValueError) as exc:
            raise Http404("ไม่พบข่าว") from exc
