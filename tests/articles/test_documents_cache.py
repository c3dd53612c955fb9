"""A cached article page changes as soon as its video or attachments do."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.services.documents import document_create, document_delete
from articles.services.video import article_video_set
from tests.articles.redis_db import needs_redis
from tests.articles.test_documents import pdf_bytes
from tests.factories import make_article, make_user

pytestmark = [pytest.mark.django_db, needs_redis, pytest.mark.usefixtures("redis_site")]

BROWSER = "Mozilla/5.0 (Linux; Android 14) Chrome/126 Mobile"
ID = "dQw4w9WgXcQ"


def page(client, article):
    return client.get(article.get_absolute_url(), HTTP_USER_AGENT=BROWSER)


def test_video_and_documents_show_and_go_on_the_next_request(client, agency):
    editor = make_user("cache-editor", agencies=[agency])
    article = make_article(title="ข่าวที่มีวิดีโอและเอกสาร")
    page(client, article)
    with CaptureQueriesContext(connection) as queries:
        again = page(client, article)
    # Served from the cache: what follows shows only because it was invalidated.
    assert "articles_article" not in " ".join(q["sql"] for q in queries)
    assert "<iframe" not in again.content.decode()

    article_video_set(article=article, user=editor, address=f"https://youtu.be/{ID}")
    assert f"youtube-nocookie.com/embed/{ID}" in page(client, article).content.decode()

    pdf = SimpleUploadedFile("a.pdf", pdf_bytes(), "application/pdf")
    document = document_create(article=article, user=editor, title="กำหนดการ", file=pdf)
    url = document.get_absolute_url()
    assert url in page(client, article).content.decode()

    document_delete(document=document, user=editor)
    article_video_set(article=article, user=editor, address="")
    html = page(client, article).content.decode()
    assert url not in html
    assert "<iframe" not in html
