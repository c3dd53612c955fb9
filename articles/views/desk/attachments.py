"""The desk's page for what goes with an article besides its text: a video
and PDF attachments. Each form posts on its own, so a refused file never
costs the editor the video address, nor the other way round."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe

from accounts.permissions import can_change, require_change
from articles.attachment_forms import DocumentForm, VideoForm
from articles.services.documents import document_create, document_delete
from articles.services.video import article_video_set
from articles.views.desk.articles import article_or_404

TEMPLATE = "desk/attachments.html"


def attachments_page(
    request, article, *, video_form=None, document_form=None, status=200
):
    context = {
        "article": article,
        "video": article.video,
        "video_form": video_form or VideoForm(initial={"video_url": article.video_url}),
        "document_form": document_form or DocumentForm(),
        "documents": article.documents.all(),
        "can_change": can_change(request.user, article),
    }
    return render(request, TEMPLATE, context, status=status)


@require_safe
@login_required
def attachments(request, pk):
    return attachments_page(request, article_or_404(request, pk))


@require_POST
@login_required
def video_save(request, pk):
    article = article_or_404(request, pk)
    require_change(request.user, article)
    form = VideoForm(request.POST)
    if form.is_valid():
        try:
            article_video_set(
                article=article,
                user=request.user,
                address=form.cleaned_data["video_url"],
            )
        except ValidationError as refusal:
            form.add_error("video_url", refusal)
    if form.errors:
        # The stored address stays; the typed one stays in the box to correct.
        return attachments_page(request, article, video_form=form, status=400)
    done = "บันทึกวิดีโอแล้ว" if article.video_url else "นำวิดีโอออกแล้ว"
    messages.success(request, done)
    return redirect("desk:attachments", pk=article.pk)


@require_POST
@login_required
def document_upload(request, pk):
    article = article_or_404(request, pk)
    require_change(request.user, article)
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            document_create(
                article=article,
                user=request.user,
                title=form.cleaned_data["title"],
                file=form.cleaned_data["file"],
            )
        except ValidationError as refusal:
            on_title = refusal.code in ("required", "max_length")
            form.add_error("title" if on_title else "file", refusal)
    if form.errors:
        return attachments_page(request, article, document_form=form, status=400)
    messages.success(request, f"แนบเอกสาร “{form.cleaned_data['title']}” แล้ว")
    return redirect("desk:attachments", pk=article.pk)


@require_POST
@login_required
def document_remove(request, pk, document_pk):
    article = article_or_404(request, pk)
    document = get_object_or_404(article.documents, pk=document_pk)
    document_delete(document=document, user=request.user)
    messages.success(request, f"ลบเอกสาร “{document.title}” แล้ว")
    return redirect("desk:attachments", pk=article.pk)
