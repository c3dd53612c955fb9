"""Downloading an article's PDF attachment.

The file never gets a public address of its own: this view hands it out, to
anyone while its article is public, and before that only to those who may see
the article on the desk. It is always a download (`attachment`), named after
the document's title, and never sniffed into anything but a PDF.
"""

import re
from urllib.parse import quote

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from accounts.permissions import visible_articles
from articles.models import Document

# Characters no file system or browser should meet in a name, and controls.
UNSAFE = re.compile(r'[\x00-\x1f\x7f"\\/:*?<>|;%]+')
NAME_LENGTH = 100


def download_name(document):
    """The title as a file name: Thai kept, unsafe characters gone, ".pdf" once."""
    name = " ".join(UNSAFE.sub(" ", document.title).split()).strip(". ")
    name = name[:NAME_LENGTH].rstrip(". ") or f"document-{document.pk}"
    return name if name.lower().endswith(".pdf") else f"{name}.pdf"


def content_disposition(document):
    """RFC 6266: an ASCII `filename` for old clients and the UTF-8 one as
    `filename*` (RFC 5987) for the rest, which prefer it."""
    name = download_name(document)
    ascii_name = name if name.isascii() else f"document-{document.pk}.pdf"
    return (
        f'attachment; filename="{ascii_name}"; '
        f"filename*=UTF-8''{quote(name, safe='')}"
    )


def _may_see(user, article):
    if article.is_public:
        return True
    return (
        user.is_authenticated and visible_articles(user).filter(pk=article.pk).exists()
    )


@require_safe
def document_download(request, article_pk, pk):
    document = get_object_or_404(
        Document.objects.select_related("article"), pk=pk, article_id=article_pk
    )
    if not _may_see(request.user, document.article):
        raise Http404("ไม่พบเอกสาร")
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404("ไม่พบเอกสาร") from exc
    response = FileResponse(handle, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition(document)
    response["X-Content-Type-Options"] = "nosniff"
    # Opened in a tab after all, the PDF runs nothing with the site's origin;
    # unpublishing takes effect at once: no shared cache keeps a copy.
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["Cache-Control"] = (
        "private, max-age=300" if document.article.is_public else "private, no-store"
    )
    return response
