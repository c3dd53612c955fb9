"""Photo upload from CKEditor's image dialog (and pasted or dropped images).

django-ckeditor's own uploader is for staff only; editors are not staff, so the
desk answers CKEditor here, for one article the editor may edit. CKEditor sends
the file as `upload` with Django's CSRF header (newsroom/settings/editor.py) and
reads a JSON answer: {"uploaded": 1, "url": ...} or {"uploaded": 0, "error":
{"message": ...}}, whose message it shows to the editor as is.
"""

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.views.decorators.http import require_POST

from articles.services.photos import PhotoRejected, photo_create
from articles.views.desk.articles import article_or_404


def _refusal(message, status=400):
    return JsonResponse({"uploaded": 0, "error": {"message": message}}, status=status)


@require_POST
@login_required
def photo_upload(request, pk):
    article = article_or_404(request, pk)
    files = request.FILES.getlist("upload")
    if len(files) != 1:
        return _refusal("กรุณาเลือกไฟล์ภาพหนึ่งไฟล์")
    try:
        photo = photo_create(
            file=files[0],
            article=article,
            user=request.user,
            alt=request.POST.get("alt", ""),
        )
    except PhotoRejected as refusal:
        return _refusal(" ".join(refusal.messages))
    return JsonResponse(
        {
            "uploaded": 1,
            "fileName": photo.display.name.rsplit("/", 1)[-1],
            "url": photo.display.url,
            "width": photo.width,
            "height": photo.height,
        }
    )
