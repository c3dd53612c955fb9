"""Password change for editors, and reset by e-mail."""

import re
import time

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


def reset(client, email, ip="203.0.113.40"):
    return client.post(
        reverse("accounts:password_reset"), {"email": email}, REMOTE_ADDR=ip
    )


def test_known_and_unknown_addresses_do_the_same_work(client, editor):
    known = reset(client, "ed@example.org")
    unknown = reset(client, "nobody@example.org")
    assert len(mail.outbox) == 1
    # The unknown address's mail is made too (token and all), then dropped.
    rendered = [t.name for t in known.templates]
    assert "registration/password_reset_email.txt" in rendered
    assert [t.name for t in unknown.templates] == rendered
    assert unknown["Location"] == known["Location"]


def test_resets_are_limited_per_address(client, editor):
    answers = [reset(client, "ED@example.org", ip=f"198.51.100.{n}") for n in range(7)]
    assert len(mail.outbox) == 5
    assert {a["Location"] for a in answers} == {reverse("accounts:password_reset_done")}


def test_resets_are_limited_per_client_address(client, editor):
    for n in range(20):
        reset(client, f"someone{n}@example.org", ip="203.0.113.99")
    over = reset(client, "ed@example.org", ip="203.0.113.99")
    assert over["Location"] == reverse("accounts:password_reset_done")
    assert mail.outbox == []
    reset(client, "ed@example.org", ip="203.0.113.100")
    assert len(mail.outbox) == 1


def test_the_client_behind_the_proxy_is_counted(client, editor, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for n in range(20):
        client.post(
            reverse("accounts:password_reset"),
            {"email": f"someone{n}@example.org"},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR="203.0.113.7",
        )
    client.post(
        reverse("accounts:password_reset"),
        {"email": "ed@example.org"},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="198.51.100.8",
    )
    assert len(mail.outbox) == 1


def test_reset_mail_is_sent_from_the_background(client, editor, settings):
    settings.PASSWORD_RESET_MAIL_IN_BACKGROUND = True
    response = reset(client, "ed@example.org")
    assert response["Location"] == reverse("accounts:password_reset_done")
    deadline = time.monotonic() + 10
    while not mail.outbox and time.monotonic() < deadline:
        time.sleep(0.01)
    assert [m.to for m in mail.outbox] == [["ed@example.org"]]
