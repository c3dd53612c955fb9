"""Public pages: the latest news, an agency's, a province's or a topic's, an article."""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.views.generic import ListView, TemplateView

from articles import structured_data
from articles.article_parts import parts_current
from articles.crumbs import HOME, agency_crumbs
from articles.fragments import remember
from articles.models import Agency, Article, Topic
from articles.navigation import cache_seconds
from articles.pagecache import keys, render
from articles.pagination import CachedCountPaginator
from articles.provinces import province_or_404
from articles.reads import read_record

PAGE_SIZE = 20
LEAD_SECONDS = 10


def home_lead():
    """The newest article an editor marked featured, else the newest with a
    photo, with its lead photo (or None); (None, None) when there is neither."""
    listed = Article.objects.for_listing()
    lead = listed.filter(is_featured=True).first()
    if lead is None:
        lead = listed.exclude(lead_photo__isnull=True).first()
    if lead is None:
        return None, None
    return lead, lead.lead_photo


def first_photo_pk(articles, but=None):
    """The article whose card shows the list's first image (fetched at once;
    the others load lazily), or None. `articles` is the page's own list."""
    return next((a.pk for a in articles if a.lead_photo_id and a.pk != but), None)


class MostReadMixin:
    def get_context_data(self, **kwargs):
        # Filled per response from its own one-minute cache (pagecache.render).
        holes = render.holes(self.request)
        return super().get_context_data(most_read_block=holes.most_read, **kwargs)


class ArticleListView(MostReadMixin, ListView):
    template_name = "articles/article_list.html"
    context_object_name = "articles"
    paginate_by = PAGE_SIZE
    heading = "ข่าวล่าสุด"

    def get_queryset(self):
        return Article.objects.for_listing()

    def list_slug(self):
        """This list's part of its cache names ("" for the home page)."""
        return self.kwargs.get("slug", "")

    def get_paginator(self, queryset, per_page, **kwargs):
        generation = render.generation(self.request)
        key = f"list-count:{generation}:{self.list_slug()}"
        return CachedCountPaginator(queryset, per_page, count_key=key, **kwargs)

    def cache_name(self):
        # None for a page number the front app would not look up: not stored.
        page = self.request.GET.get("page", "1")
        if not keys.PAGE_NUMBER.fullmatch(page):
            return None
        return keys.list_name(self.list_slug(), page)

    def get(self, request, *args, **kwargs):
        page = render.fetch(request, self.cache_name())
        if page is None:
            response = super().get(request, *args, **kwargs)
            seconds, stale_for = cache_seconds(
                request, render.LIST_SECONDS, render.LIST_STALE_SECONDS
            )
            page = render.store(
                request, self.cache_name(), response, seconds, stale_for=stale_for
            )
        return render.respond(request, page)

    def feed_url(self):
        return reverse("discovery:feed-latest")

    def crumbs(self):
        return []  # the home page is the root of every trail

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        crumbs = self.crumbs()
        context.update(
            eager_pk=first_photo_pk(context["articles"]),
            heading=self.heading,
            feed_url=self.feed_url(),
            breadcrumbs=crumbs,
            structured_data=(
                structured_data.as_script(
                    structured_data.breadcrumb_list(self.request, crumbs)
                )
                if crumbs
                else ""
            ),
        )
        return context


class HomeView(ArticleListView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if context["page_obj"].number == 1:
            # Per generation, like the list's count: a scheduled article falling
            # due becomes the lead within LEAD_SECONDS.
            key = ("home-lead", render.generation(self.request))
            lead, photo = remember(key, LEAD_SECONDS, home_lead)
            context["lead"], context["lead_photo"] = lead, photo
            if lead is not None:
                # The lead story's photo is the page's first image, or else
                # the first card's below it.
                context["eager_pk"] = (
                    None if photo else first_photo_pk(context["articles"], but=lead.pk)
                )
        return context


class AgencyArticleListView(ArticleListView):
    def get_queryset(self):
        self.agency = get_object_or_404(Agency, slug=self.kwargs["slug"])
        self.heading = f"ข่าว {self.agency.full_name}"
        return super().get_queryset().filter(agency=self.agency)

    def feed_url(self):
        return reverse("discovery:feed-agency", kwargs={"slug": self.agency.slug})

    def crumbs(self):
        return agency_crumbs(self.agency)

    def get_context_data(self, **kwargs):
        return super().get_context_data(agency=self.agency, **kwargs)


class ProvinceArticleListView(ArticleListView):
    """The news of a province's own offices (its ส.ปชส. and สวท.)."""

    def list_slug(self):
        return keys.list_slug("province", self.kwargs["slug"])

    def get_queryset(self):
        self.province = province_or_404(self.kwargs["slug"])
        self.heading = f"ข่าวจังหวัด{self.province.name}"
        self.agencies = list(self.province.agencies())
        # Their ids, not a subquery: the planner then counts and lists through
        # the agency index (bench/RESULTS.md, EXPLAIN of 2026-12-02).
        ids = [agency.pk for agency in self.agencies]
        return super().get_queryset().filter(agency__in=ids)

    def feed_url(self):
        return reverse("discovery:feed-province", kwargs={"slug": self.province.slug})

    def crumbs(self):
        return [
            {"name": HOME, "url": reverse("articles:home")},
            {
                "name": f"จังหวัด{self.province.name}",
                "url": self.province.get_absolute_url(),
            },
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            province=self.province,
            province_agencies=self.agencies,
            **kwargs,
        )


class TopicArticleListView(ArticleListView):
    def list_slug(self):
        return keys.list_slug("topic", self.kwargs["slug"])

    def get_queryset(self):
        self.topic = get_object_or_404(Topic, slug=self.kwargs["slug"])
        self.heading = f"ข่าว{self.topic.name}"
        return super().get_queryset().filter(topics=self.topic)

    def feed_url(self):
        return reverse("discovery:feed-topic", kwargs={"slug": self.topic.slug})

    def crumbs(self):
        return [
            {"name": HOME, "url": reverse("articles:home")},
            {"name": self.topic.name, "url": self.topic.get_absolute_url()},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(topic=self.topic, **kwargs)


def until_end(unpublish_at, seconds):
    """`seconds`, cut so a cached page of an article with a scheduled end is
    gone when the article stops being public (no job takes it down)."""
    if unpublish_at is None:
        return seconds
    left = (unpublish_at - timezone.now()).total_seconds()
    return max(1, min(seconds, int(left)))


class ArticleDetailView(MostReadMixin, TemplateView):
    """An article: its stored parts (articles/article_parts/) around the read count
    and the most-read block, cached whole like the lists."""

    template_name = "articles/article_detail.html"

    def get(self, request, *args, **kwargs):
        name = keys.article_name(kwargs["pk"])
        page, stored = render.fetch(request, name), None
        if page is None:
            parts = parts_current(kwargs["pk"], render.epoch(request))
            stored = parts.reads_total
            meta, before_reads, after_reads = parts.for_origin(
                request.build_absolute_uri("/")[:-1]
            )
            response = self.render_to_response(
                self.get_context_data(
                    meta=meta,
                    before_reads=before_reads,
                    after_reads=after_reads,
                    read_count=render.holes(request).reads,
                )
            )
            seconds, _ = cache_seconds(request, render.ARTICLE_SECONDS)
            page = render.store(
                request, name, response, until_end(parts.unpublish_at, seconds)
            )
        # A cached page is a published article: the key's generation moves on
        # with every unpublish or edit.
        reads = read_record(article_id=kwargs["pk"], request=request, stored=stored)
        return render.respond(request, page, reads=reads)
