"""The desk's article pages: the list, new, edit, preview, and status actions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe
from django.views.generic import ListView

from accounts.permissions import editing_agencies
from articles.forms import ArticleForm, DeskFilterForm, ScheduleForm
from articles.models import Article
from articles.services.articles import (
    article_draft_create,
    article_publish,
    article_schedule,
    article_unpublish,
)
from articles.views.desk import editor_agencies, editor_articles
from articles.views.desk.edit import (
    EDIT_TEMPLATE,
    article_for_editor,
    article_or_404,
    content_of,
    edit_page,
    refused,
)


class DeskIndexView(LoginRequiredMixin, ListView):
    template_name = "desk/index.html"
    context_object_name = "articles"
    paginate_by = 50

    def get_queryset(self):
        self.filter_form = DeskFilterForm(self.request.GET or None)
        status = ""
        if self.filter_form.is_valid():
            status = self.filter_form.cleaned_data["status"]
        articles = (
            editor_articles(self.request.user)
            .select_related("agency", "reads")
            .defer("body", "lead")
            .annotate(newest=Coalesce("published_at", "created_at"))
            .order_by("-newest", "-id")
        )
        now = timezone.now()
        published = Q(status=Article.Status.PUBLISHED)
        if status == "scheduled":
            articles = articles.filter(published, published_at__gt=now)
        elif status == Article.Status.PUBLISHED:
            articles = articles.filter(published, published_at__lte=now)
        elif status:
            articles = articles.filter(status=status)
        if self.filter_form.is_valid() and self.filter_form.cleaned_data["mine"]:
            articles = articles.filter(reporter=self.request.user)
        return articles

    def get_context_data(self, **kwargs):
        user = self.request.user
        # What waits for this person: submissions to review, returns to correct.
        waiting = (
            Article.objects.filter(
                agency__in=editing_agencies(user), status=Article.Status.SUBMITTED
            )
            .select_related("agency", "reporter")
            .order_by("updated_at")
        )
        returned = Article.objects.filter(
            reporter=user, status=Article.Status.RETURNED
        ).order_by("-updated_at")
        return super().get_context_data(
            filter_form=self.filter_form,
            agencies=editor_agencies(user),
            waiting=waiting,
            returned=returned,
            now=timezone.now(),
            **kwargs,
        )


def _new_article_initial(user, agency):
    """The byline as the office prints it: the writer (or its news team) and
    the agency's short byline name, e.g. `ทีมข่าว ปชส.พะเยา`."""
    writer = user.get_full_name() or "ทีมข่าว"
    return {"agency": agency.pk, "byline": f"{writer} {agency.byline_name}".strip()}


@login_required
def article_new(request):
    agencies = editor_agencies(request.user)
    if not agencies.exists():
        messages.error(request, "บัญชีนี้ยังไม่ได้เป็นบรรณาธิการของหน่วยงานใด โปรดติดต่อผู้ดูแลระบบ")
        return redirect("desk:index")
    form = ArticleForm(
        request.POST or None,
        agencies=agencies,
        request=request,
        initial=_new_article_initial(request.user, agencies.first()),
    )
    if request.method == "POST" and form.is_valid():
        article = article_draft_create(
            user=request.user, **content_of(form.cleaned_data)
        )
        messages.success(request, "บันทึกฉบับร่างแล้ว เพิ่มภาพและเผยแพร่ได้จากหน้านี้")
        return redirect("desk:edit", pk=article.pk)
    status = 400 if form.is_bound else 200
    return render(request, EDIT_TEMPLATE, {"form": form}, status=status)


@require_POST
@login_required
def article_publish_view(request, pk):
    article = article_for_editor(request, pk)
    try:
        article_publish(article=article, user=request.user)
    except ValidationError as error:
        return refused(request, article, error)
    messages.success(request, "เผยแพร่ข่าวแล้ว")
    return redirect("desk:edit", pk=article.pk)


@require_POST
@login_required
def article_schedule_view(request, pk):
    article = article_for_editor(request, pk)
    schedule_form = ScheduleForm(request.POST)
    if not schedule_form.is_valid():
        return edit_page(request, article, schedule_form=schedule_form, status=400)
    try:
        article_schedule(
            article=article,
            user=request.user,
            published_at=schedule_form.cleaned_data["published_at"],
        )
    except ValidationError as error:
        return refused(request, article, error, schedule_form=schedule_form)
    messages.success(request, "ตั้งเวลาเผยแพร่แล้ว ข่าวจะปรากฏเองเมื่อถึงเวลา")
    return redirect("desk:edit", pk=article.pk)


@require_POST
@login_required
def article_unpublish_view(request, pk):
    article = article_for_editor(request, pk)
    article_unpublish(article=article, user=request.user)
    messages.success(request, "ยกเลิกการเผยแพร่แล้ว ข่าวยังเก็บไว้ครบและเผยแพร่ใหม่ได้")
    return redirect("desk:edit", pk=article.pk)


@require_safe
@login_required
def article_preview(request, pk):
    """The article as the public will see it, whatever its status; never counted
    as a read and never indexed."""
    article = article_or_404(request, pk)
    response = render(request, "desk/article_preview.html", {"article": article})
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
