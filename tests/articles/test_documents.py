"""PDF attachments: PDF by content only, at most 10 MB, downloaded with a safe
Thai file name and nosniff, listed under a public article with their size."""

import io
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from articles.models import Article, ArticleEvent, Document
from articles.services.documents import (
    BROKEN,
    MAX_BYTES,
    NOT_A_PDF,
    TOO_LARGE,
    DocumentRejected,
    document_create,
    pdf_check,
)
from articles.views.documents import content_disposition
from tests.factories import make_article, make_user
from tests.newsroom.test_body_limit import MB, post

pytestmark = pytest.mark.django_db

TITLE = "ประกาศรับสมัครงานลำไย 2568"


def pdf_bytes(pages=1):
    """A real PDF, as Pillow writes it (header, objects, xref, trailer)."""
    buffer = io.BytesIO()
    images = [Image.new("RGB", (200, 100), (30, 90, 160)) for _ in range(pages)]
    images[0].save(buffer, "PDF", save_all=True, append_images=images[1:])
    return buffer.getvalue()


def jpeg_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (50, 50), "red").save(buffer, "JPEG")
    return buffer.getvalue()


def pdf_file(data=None, name="announce.pdf", content_type="application/pdf"):
    return SimpleUploadedFile(name, pdf_bytes() if data is None else data, content_type)


def media_files():
    return {p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()}


@pytest.fixture
def editor(agency):
    return make_user("document-editor", agencies=[agency])


@pytest.fixture
def article(agency):
    return make_article(title="เชิญร่วมงานเทศกาลลำไย")


@pytest.fixture
def desk(client, editor):
    client.force_login(editor)
    return client


def upload(client, article, file, title=TITLE):
    return client.post(
        reverse("desk:document-upload", args=[article.pk]),
        {"title": title, "file": file},
    )


def test_a_real_pdf_passes_the_content_check():
    pdf_check(pdf_file())
    pdf_check(pdf_file(pdf_bytes() + b"\r\n"))  # a trailing line end is fine


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (jpeg_bytes(), NOT_A_PDF),  # a photo renamed .pdf
        (b"<html><body>%PDF-1.7</body></html>", NOT_A_PDF),
        (b"MZ\x90\x00" + b"\x00" * 200, NOT_A_PDF),  # a program
        (b" %PDF-1.4\n" + pdf_bytes()[9:], NOT_A_PDF),  # not at the start
        (b"%PDF-", NOT_A_PDF),  # no version
        (pdf_bytes()[:400], BROKEN),  # cut off: no xref, no %%EOF
        (b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n", BROKEN),  # no startxref
        (pdf_bytes() + b"<script>alert(1)</script>", BROKEN),  # after %%EOF
        (b"", "ไฟล์ว่างเปล่า"),
    ],
)
def test_anything_that_is_not_a_whole_pdf_is_refused(data, message):
    with pytest.raises(DocumentRejected) as refusal:
        pdf_check(SimpleUploadedFile("announce.pdf", data, "application/pdf"))
    assert refusal.value.messages == [message]


def test_over_ten_megabytes_is_refused():
    data = pdf_bytes()
    filler = b"%" + b"x" * (MAX_BYTES - len(data) - 1) + b"\n"  # a comment line
    padded = data[:9] + filler + data[9:]
    assert len(padded) == MAX_BYTES + 1
    with pytest.raises(DocumentRejected) as refusal:
        pdf_check(SimpleUploadedFile("big.pdf", padded, "application/pdf"))
    assert refusal.value.messages == [TOO_LARGE]
    # One byte less, exactly the limit, is accepted.
    pdf_check(SimpleUploadedFile("big.pdf", padded[:10] + padded[11:], "x/y"))


def test_the_editor_attaches_several_pdfs_and_visitors_see_them(desk, article):
    first = pdf_bytes()
    assert upload(desk, article, pdf_file(first)).status_code == 302
    second = pdf_bytes(pages=3)
    response = upload(
        desk, article, pdf_file(second, "x.bin", "text/plain"), "กำหนดการ"
    )
    assert response.status_code == 302  # the name and declared type do not matter
    documents = list(article.documents.all())
    assert [d.title for d in documents] == [TITLE, "กำหนดการ"]
    assert [d.size for d in documents] == [len(first), len(second)]
    assert all(d.file.name.startswith("documents/") for d in documents)
    assert all(d.file.name.endswith(".pdf") for d in documents)
    assert ArticleEvent.objects.filter(detail=f"แนบเอกสาร: {TITLE}").exists()

    html = Client().get(article.get_absolute_url()).content.decode()
    assert "เอกสารแนบ" in html
    for document in documents:
        assert f'<a href="{document.get_absolute_url()}" download>' in html
        assert f"(PDF {round(document.size / 1024)} KB)" in html
    # Listed after the body, under the article.
    assert html.index('<div class="body">') < html.index('class="documents"')
    assert html.index('class="documents"') < html.index("</article>")


def test_the_download_is_the_bytes_with_safe_headers(desk, article):
    data = pdf_bytes()
    upload(desk, article, pdf_file(data), title='ประกาศ "ด่วน"/ฉบับ 1; ลำไย')
    document = article.documents.get()
    response = Client().get(document.get_absolute_url())
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == data
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Length"] == str(len(data))
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"
    safe = "ประกาศ ด่วน ฉบับ 1 ลำไย.pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="document-{document.pk}.pdf"; '
        f"filename*=UTF-8''{quote(safe, safe='')}"
    )


def test_an_ascii_title_is_the_plain_filename_too(article, editor):
    document = document_create(
        article=article, user=editor, title="Schedule 2025.PDF", file=pdf_file()
    )
    assert content_disposition(document) == (
        'attachment; filename="Schedule 2025.PDF"; '
        "filename*=UTF-8''Schedule%202025.PDF"
    )


def test_a_refused_upload_says_why_in_thai_and_stores_nothing(desk, article):
    before = media_files()
    response = upload(desk, article, pdf_file(jpeg_bytes(), "photo.pdf"))
    assert response.status_code == 400
    html = response.content.decode()
    assert NOT_A_PDF in html
    assert f'value="{TITLE}"' in html  # the title is kept for the next try
    response = upload(desk, article, pdf_file(), title="  ")
    assert response.status_code == 400
    assert "กรุณาใส่ชื่อเอกสาร" in response.content.decode()
    response = desk.post(
        reverse("desk:document-upload", args=[article.pk]), {"title": TITLE}
    )
    assert "กรุณาเลือกไฟล์ PDF" in response.content.decode()
    assert not Document.objects.exists()
    assert media_files() == before


def test_only_public_articles_documents_are_downloadable_by_visitors(
    desk, article, agency
):
    draft = make_article(status=Article.Status.DRAFT, published_at=None)
    later = make_article(published_at=timezone.now() + timedelta(days=1))
    for target in (article, draft, later):
        upload(desk, target, pdf_file())
    visitor = Client()
    public, hidden, scheduled = (
        Document.objects.get(article=a) for a in (article, draft, later)
    )
    assert visitor.get(public.get_absolute_url()).status_code == 200
    assert visitor.get(hidden.get_absolute_url()).status_code == 404
    assert visitor.get(scheduled.get_absolute_url()).status_code == 404
    # The desk's editors may check the file before publishing.
    own = desk.get(hidden.get_absolute_url())
    assert own.status_code == 200
    assert own["Cache-Control"] == "private, no-store"
    # Another article's address for the same document is not found.
    wrong = reverse(
        "articles:document", kwargs={"article_pk": draft.pk, "pk": public.pk}
    )
    assert visitor.get(wrong).status_code == 404
    # Unpublishing takes the documents down with the page.
    Article.objects.filter(pk=article.pk).update(status=Article.Status.UNPUBLISHED)
    assert visitor.get(public.get_absolute_url()).status_code == 404


def test_another_agencys_editor_cannot_attach_nor_download_drafts(
    client, article, other_agency, editor
):
    draft = make_article(status=Article.Status.DRAFT, published_at=None)
    document = document_create(article=draft, user=editor, title=TITLE, file=pdf_file())
    outsider = make_user("document-outsider", agencies=[other_agency])
    client.force_login(outsider)
    assert upload(client, article, pdf_file()).status_code == 404
    assert client.get(document.get_absolute_url()).status_code == 404
    with pytest.raises(PermissionDenied):
        document_create(article=article, user=outsider, title=TITLE, file=pdf_file())
    assert not article.documents.exists()


def test_removing_a_document_removes_its_file(
    desk, article, django_capture_on_commit_callbacks
):
    upload(desk, article, pdf_file())
    document = article.documents.get()
    path = Path(document.file.path)
    assert path.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = desk.post(
            reverse("desk:document-remove", args=[article.pk, document.pk])
        )
    assert response.status_code == 302
    assert not article.documents.exists()
    assert not path.exists()
    assert Client().get(document.get_absolute_url()).status_code == 404
    html = Client().get(article.get_absolute_url()).content.decode()
    assert 'class="documents"' not in html


def test_sizes_read_in_kilobytes_and_megabytes():
    assert Document(size=350 * 1024).size_display == "PDF 350 KB"
    assert Document(size=300).size_display == "PDF 1 KB"
    assert Document(size=int(1.2 * 1024 * 1024)).size_display == "PDF 1.2 MB"
    assert Document(size=MAX_BYTES).size_display == "PDF 10.0 MB"


def test_a_pdf_over_the_desk_request_limit_gets_the_thai_page_unread(article):
    path = reverse("desk:document-upload", args=[article.pk])
    status, html, read = post(path, 13 * MB, "multipart/form-data; boundary=x")
    assert (status, read) == (413, 0)
    assert "ข้อมูลที่ส่งมีขนาดใหญ่เกินกว่าที่ระบบรับได้" in html
    assert html.lstrip().startswith("<!doctype html>")
