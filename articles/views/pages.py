"""The office's own pages, /pages/<slug>/: privacy, cookies, contact…"""

from django.views.generic import DetailView

from articles.models import Page


class PageDetailView(DetailView):
    model = Page
    template_name = "articles/page_detail.html"
    context_object_name = "page"
