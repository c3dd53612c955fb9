"""A body over its path's limit is refused from its Content-Length, unread."""

import io
import json
import sys

import pytest
from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler

from tests.factories import make_user

pytestmark = pytest.mark.django_db

MB = 1024 * 1024


class UnreadBody(io.RawIOBase):
    """A request body that records whether anything was read from it."""

    def __init__(self):
        self.read_bytes = 0

    def readable(self):
        return True

    def readinto(self, buffer):
        n = min(len(buffer), 64 * 1024)
        buffer[:n] = b"a" * n
        self.read_bytes += n
        return n


def post(path, length, content_type="application/x-www-form-urlencoded"):
    body = UnreadBody()
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "CONTENT_TYPE": content_type,
        "CONTENT_LENGTH": str(length),
        "wsgi.url_scheme": "http",
        "wsgi.input": body,
        "wsgi.errors": sys.stderr,
    }
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer["status"] = int(status.split()[0])

    content = b"".join(WSGIHandler()(environ, start_response))
    return answer["status"], content.decode(), body.read_bytes


def test_a_300_mb_login_post_is_refused_unread():
    status, html, read = post("/accounts/login/", 300 * MB)
    assert status == 413
    assert read == 0
    assert "ใหญ่เกิน" in html
    assert settings.NEWSROOM["FOOTER_ADDRESS"] in html


def test_other_posts_over_one_mb_are_refused():
    status, _, read = post("/search/", MB + 1)
    assert (status, read) == (413, 0)


def test_a_desk_upload_over_the_desk_limit_answers_ckeditor_in_thai():
    status, body, read = post(
        "/desk/articles/1/photos/", 13 * MB, "multipart/form-data; boundary=x"
    )
    assert (status, read) == (413, 0)
    answer = json.loads(body)
    assert answer["uploaded"] == 0
    assert "ใหญ่เกิน" in answer["error"]["message"]
    assert "12 MB" in answer["error"]["message"]


def test_a_desk_post_under_its_limit_reaches_the_view():
    # 11 MB is over the general limit but a photo of 10 MB fits the desk's.
    status, _, _ = post("/desk/articles/1/photos/", 11 * MB)
    assert status != 413


def test_small_posts_are_not_affected(client, agency):
    make_user("body-limit", password="correct-horse-battery", agencies=[agency])
    response = client.post(
        "/accounts/login/",
        {"username": "body-limit", "password": "correct-horse-battery"},
    )
    assert response.status_code == 302


def test_too_many_form_fields_are_refused(client):
    fields = {f"f{n}": "x" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}
    assert client.post("/accounts/login/", fields).status_code == 400
