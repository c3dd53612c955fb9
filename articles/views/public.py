"""Public pages: latest news, one agency's news, one article."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView

from articles.models import Agency, Article
from articles.services.reads import read_record

PAGE_SIZE = 20


class ArticleListView(ListView):
    template_name = "articles/article_list.html"
    context_object_name = "articles"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        return Article.objects.for_listing()


class AgencyArticleListView(ArticleListView):
    def get_queryset(self):
        self.agency = get_object_or_404(Agency, slug=self.kwargs["slug"])
        return super().get_queryset().filter(agency=self.agency)

    def get_context_data(self, **kwargs):
        return super().get_context_data(agency=self.agency, **kwargs)


class ArticleDetailView(DetailView):
    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        return Article.objects.published().select_related(
            "agency", "author", "editor", "reads"
        )

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        shown = read_record(article=self.object, request=request)
        context = self.get_context_data(
            object=self.object,
            read_count=shown,
            canonical_url=request.build_absolute_uri(self.object.get_absolute_url()),
        )
        return self.render_to_response(context)

    def head(self, request, *args, **kwargs):
        # HEAD is answered like GET but never counted (read_record checks).
        return self.get(request, *args, **kwargs)

    def get_object(self, queryset=None):
        try:
            return super().get_object(queryset)
        except (Article.DoesNotExist, ValueError) as exc:
            raise Http404("ไม่พบข่าว") from exc
