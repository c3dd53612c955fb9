"""Password change for editors, and reset by e-mail."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import make_user

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"


@pytest.fixture
def editor(agency):
    return make_user(
        "editor-pw", password=PASSWORD, agencies=[agency], email="ed@example.org"
    )


def test_password_change_needs_login(client):
    response = client.get(reverse("accounts:password_change"))
    assert response.status_code == 302


def test_editor_changes_password(client, editor):
    client.force_login(editor)
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "ลำไยหวาน-2567-north",
            "new_password2": "ลำไยหวาน-2567-north",
        },
    )
    assert response["Location"] == reverse("accounts:password_change_done")
    editor.refresh_from_db()
    assert editor.check_password("ลำไยหวาน-2567-north")


@pytest.mark.parametrize(
    ("old", "new1", "new2", "message"),
    [
        ("wrong", "ลำไยหวาน-2567-north", "ลำไยหวาน-2567-north", "รหัสผ่านเดิมไม่ถูกต้อง"),
        (PASSWORD, "ลำไยหวาน-2567-north", "something-else-1", "ไม่ตรงกัน"),
        (PASSWORD, "12345678901", "12345678901", "ตัวเลขล้วน"),
        (PASSWORD, "short", "short", "สั้นเกินไป"),
        (PASSWORD, "password", "password", "ใช้กันทั่วไป"),
    ],
)
def test_password_change_refusals_are_thai(client, editor, old, new1, new2, message):
    client.force_login(editor)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": old, "new_password1": new1, "new_password2": new2},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    editor.refresh_from_db()
    assert editor.check_password(PASSWORD)


def test_password_reset_by_email(client, editor):
    response = client.post(
        reverse("accounts:password_reset"), {"email": "ed@example.org"}
    )
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "ตั้งรหัสผ่านใหม่" in mail.outbox[0].subject
    link = re.search(r"https?://[^/]+(/accounts/password/reset/\S+/)", body)[1]
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    set_url = form_page.redirect_chain[-1][0]
    done = client.post(
        set_url,
        {"new_password1": "ข้าวซอย-เชียงใหม่-99", "new_password2": "ข้าวซอย-เชียงใหม่-99"},
    )
    assert done["Location"] == reverse("accounts:password_reset_complete")
    editor.refresh_from_db()
    assert editor.check_password("ข้าวซอย-เชียงใหม่-99")
    # The link works once.
    again = client.get(link, follow=True)
    assert "ลิงก์นี้ใช้ไม่ได้แล้ว" in again.content.decode()


def test_password_reset_for_unknown_email_says_the_same_and_sends_nothing(client):
    response = client.post(
        reverse("accounts:password_reset"), {"email": "nobody@example.org"}
    )
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert mail.outbox == []
    bad = client.post(reverse("accounts:password_reset"), {"email": "ไม่ใช่อีเมล"})
    assert "รูปแบบอีเมลไม่ถูกต้อง" in bad.content.decode()
