"""The desk's edit page: one form whose every button saves what the editor typed
first, through the version check, and then does what the button says.

An action never works from the stored text behind the editor's back: publish,
schedule or unpublish pressed on a changed form stores the change (or refuses
it as a conflict, next to the form) before the status changes.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from accounts.permissions import can_change, is_editor, require_change, require_editor
from articles.forms import ArticleForm, EndForm, ScheduleForm
from articles.models import Article
from articles.photo_forms import photo_forms
from articles.services.articles import (
    EditConflict,
    article_publish,
    article_schedule,
    article_unpublish,
    article_update,
)
from articles.services.photos import MAX_FILES
from articles.services.workflow import (
    article_approve,
    article_correction_add,
    article_end_set,
    article_return,
    article_submit,
)
from articles.views.desk import editor_agencies, editor_articles

EDIT_TEMPLATE = "desk/article_form.html"
EDITOR_ACTIONS = {"publish", "schedule", "unpublish", "return"}
CONTENT_KEYS = (
    "title",
    "lead",
    "body",
    "agency",
    "byline",
    "editor_name",
    "topics",
    "is_featured",
)
DONE = {
    "save": "บันทึกการแก้ไขแล้ว",
    "submit": "บันทึกและส่งตรวจแล้ว บรรณาธิการของหน่วยงานจะได้รับแจ้ง",
    "return": "ส่งกลับให้ผู้สื่อข่าวแก้ไขแล้ว พร้อมหมายเหตุ",
    "publish": "บันทึกและเผยแพร่ข่าวแล้ว",
    "schedule": "บันทึกและตั้งเวลาเผยแพร่แล้ว ข่าวจะปรากฏเองเมื่อถึงเวลา",
    "unpublish": "บันทึกและยกเลิกการเผยแพร่แล้ว ข่าวยังเก็บไว้ครบและเผยแพร่ใหม่ได้",
}


def article_or_404(request, pk):
    """The article if it belongs to one of the editor's agencies, else 404 (an
    editor learns nothing about another agency's work)."""
    return get_object_or_404(
        editor_articles(request.user).select_related("agency", "author", "reads"),
        pk=pk,
    )


def article_for_editor(request, pk):
    """The article for an editor action: 404 if there is none, 403 unless the
    user is an editor of its agency (a reporter, another agency's editor)."""
    article = get_object_or_404(
        Article.objects.select_related("agency", "author", "reads"), pk=pk
    )
    require_editor(request.user, article.agency_id)
    return article


def content_of(cleaned):
    return {key: cleaned[key] for key in CONTENT_KEYS}


def _schedule_form(article):
    """Empty, or showing the time an article is scheduled for."""
    initial = {}
    if article.published_at and article.published_at > timezone.now():
        initial["published_at"] = timezone.localtime(article.published_at)
    return ScheduleForm(initial=initial)


def _end_form(article):
    return EndForm(initial={"unpublish_at": article.unpublish_at})


def edit_page(
    request,
    article,
    *,
    form=None,
    schedule_form=None,
    end_form=None,
    photo_rows=None,
    status=200,
):
    form = form or ArticleForm(
        agencies=editor_agencies(request.user), request=request, article=article
    )
    context = {
        "article": article,
        "form": form,
        "schedule_form": schedule_form or _schedule_form(article),
        "end_form": end_form or _end_form(article),
        "events": article.events.select_related("user"),
        "photo_rows": photo_rows if photo_rows is not None else photo_forms(article),
        "photo_max_files": MAX_FILES,
        "now": timezone.now(),
        "is_editor": is_editor(request.user, article.agency_id),
        "can_change": can_change(request.user, article),
        "review_note": request.POST.get("review_note", ""),
    }
    return render(request, EDIT_TEMPLATE, context, status=status)


def refused(request, article, error, *, schedule_form=None):
    """Show a refused action on the edit page, each message by its field."""
    form = ArticleForm(
        ArticleForm.values_of(article),
        agencies=editor_agencies(request.user),
        request=request,
        article=article,
    )
    for field, field_errors in error.message_dict.items():
        on_schedule = field == "published_at" and schedule_form is not None
        target = schedule_form if on_schedule else form
        for message in field_errors:
            target.add_error(field if field in target.fields else None, message)
    return edit_page(
        request, article, form=form, schedule_form=schedule_form, status=400
    )


def _act(request, article, action, schedule_form):
    user = request.user
    # Publishing or scheduling a submitted article is approving it.
    submitted = article.status == Article.Status.SUBMITTED
    if action == "publish":
        if submitted:
            return article_approve(article=article, user=user)
        return article_publish(article=article, user=user)
    if action == "schedule":
        when = schedule_form.cleaned_data["published_at"]
        if submitted:
            return article_approve(article=article, user=user, published_at=when)
        return article_schedule(article=article, user=user, published_at=when)
    if action == "submit":
        return article_submit(article=article, user=user)
    if action == "return":
        note = request.POST.get("review_note", "")
        return article_return(article=article, user=user, note=note)
    if action == "unpublish":
        return article_unpublish(article=article, user=request.user)
    return article


@login_required
def article_edit(request, pk):
    action = request.POST.get("action") or "save"
    if action not in DONE:
        action = "save"
    if request.method == "POST" and action in EDITOR_ACTIONS:
        # Refused before anything is stored, whoever asks.
        article_for_editor(request, pk)
    article = article_or_404(request, pk)
    if request.method != "POST":
        return edit_page(request, article)
    require_change(request.user, article)
    form = ArticleForm(
        request.POST,
        agencies=editor_agencies(request.user),
        request=request,
        article=article,
    )
    schedule_form = ScheduleForm(request.POST) if action == "schedule" else None
    end_form = None
    if "unpublish_at" in request.POST and is_editor(request.user, article.agency_id):
        end_form = EndForm(request.POST)
    # Every form is checked before anything is stored: a refused time keeps the
    # typed text in the form, unsaved but not lost.
    valid = form.is_valid()
    for extra in (schedule_form, end_form):
        if extra is not None:
            valid = extra.is_valid() and valid
    if not valid:
        return edit_page(
            request,
            article,
            form=form,
            schedule_form=schedule_form,
            end_form=end_form,
            status=400,
        )
    try:
        article = article_update(
            article=article,
            user=request.user,
            version=form.cleaned_data["version"],
            **content_of(form.cleaned_data),
        )
    except EditConflict as conflict:
        # The other editor's text stays stored; this editor's stays in the form,
        # and the action waits until they have seen the stored text.
        form.add_error(None, conflict)
        article.refresh_from_db()
        return edit_page(
            request, article, form=form, schedule_form=schedule_form, status=409
        )
    try:
        if form.cleaned_data.get("change_kind") == "correction" and article.is_public:
            article_correction_add(
                article=article,
                user=request.user,
                note=form.cleaned_data["correction_note"],
            )
        article = _act(request, article, action, schedule_form)
        if end_form is not None:
            article_end_set(
                article=article,
                user=request.user,
                unpublish_at=end_form.cleaned_data["unpublish_at"],
            )
    except ValidationError as error:
        # The text is saved; only the action was refused, and says why.
        messages.info(request, "บันทึกข้อความที่แก้ไขแล้ว")
        return refused(request, article, error, schedule_form=schedule_form)
    messages.success(request, DONE[action])
    return redirect("desk:edit", pk=article.pk)
