"""The desk's photo panel on an article's edit page: several photos uploaded
at once, and each photo's alt text, caption, credit, order and the lead photo
saved together. Its own form beside the article's, so neither loses the other's
typing: each posts to its own address and comes back to the edit page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from accounts.permissions import require_change
from articles.photo_forms import photo_forms
from articles.services.photos import photos_add, photos_update
from articles.views.desk.edit import article_or_404, edit_page


@require_POST
@login_required
def photos_upload(request, pk):
    article = article_or_404(request, pk)
    require_change(request.user, article)
    stored, refused = photos_add(
        files=request.FILES.getlist("photos"), article=article, user=request.user
    )
    if stored:
        messages.success(
            request,
            f"เพิ่มภาพแล้ว {len(stored)} ภาพ โปรดใส่คำอธิบายภาพ คำบรรยาย และผู้ถ่ายภาพ",
        )
    for name, reason in refused:
        messages.error(request, f"{name}: {reason}" if name else reason)
    return redirect(reverse("desk:edit", args=[article.pk]) + "#photos-title")


@require_POST
@login_required
def photos_save(request, pk):
    article = article_or_404(request, pk)
    require_change(request.user, article)
    rows = photo_forms(article, request.POST)
    lead = request.POST.get("lead", "")
    if not all(form.is_valid() for form in rows):
        return edit_page(request, article, photo_rows=rows, status=400)
    try:
        photos_update(
            article=article,
            user=request.user,
            rows=[
                {"id": form.photo.pk, **form.cleaned_data}
                for form in rows  # the position the editor typed, from 1
            ],
            lead_id=int(lead) if lead.isdigit() else None,
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return edit_page(request, article, photo_rows=rows, status=400)
    messages.success(request, "บันทึกรายละเอียดภาพแล้ว")
    return redirect(reverse("desk:edit", args=[article.pk]) + "#photos-title")
