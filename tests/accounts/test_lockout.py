"""Five failures lock the username-and-address pair for 15 minutes."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from axes.utils import reset
from django.urls import reverse
from django.utils import timezone

from articles.services.demo import demo_seed

pytestmark = pytest.mark.django_db

PASSWORD = "lockout-test-password-7"
LOCKED = "บัญชีถูกระงับชั่วคราว"


@pytest.fixture
def demo():
    demo_seed(editor_password=PASSWORD)


def login(client, password, username="demo-phayao", ip="203.0.113.7"):
    return client.post(
        reverse("accounts:login"),
        {"username": username, "password": password, "next": "/desk/"},
        REMOTE_ADDR=ip,
    )


def test_six_wrong_passwords_then_the_right_one_is_still_refused(client, demo):
    for _ in range(6):
        login(client, "not-the-password")
    response = login(client, PASSWORD)
    assert response.status_code == 429
    html = response.content.decode()
    assert LOCKED in html and "15 นาที" in html
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("desk:index")).status_code == 302


def test_four_failures_do_not_lock(client, demo):
    for _ in range(4):
        assert login(client, "not-the-password").status_code == 200
    response = login(client, PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("desk:index")


def test_lock_is_per_username_and_address(client, demo):
    for _ in range(5):
        login(client, "not-the-password")
    assert login(client, PASSWORD).status_code == 429
    # The same editor from another address, and another editor, are not locked.
    assert login(client, PASSWORD, ip="198.51.100.9").status_code == 302
    client.logout()
    assert login(client, PASSWORD, username="demo-lampang").status_code == 302


def test_an_admin_clearing_the_lock_lets_the_editor_in(client, demo):
    for _ in range(5):
        login(client, "not-the-password")
    assert AccessAttempt.objects.filter(username="demo-phayao").exists()
    reset(username="demo-phayao")
    assert login(client, PASSWORD).status_code == 302


def test_the_lock_ends_by_itself_after_15_minutes(client, demo):
    for _ in range(5):
        login(client, "not-the-password")
    assert login(client, PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    response = login(client, PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("desk:index")


def test_the_locked_message_says_an_admin_can_clear_it(client, demo):
    for _ in range(5):
        login(client, "not-the-password")
    response = login(client, PASSWORD)
    assert "ติดต่อผู้ดูแลระบบ" in response.content.decode()


PROXY = "10.0.0.2"
ATTACKER = "203.0.113.66"
EDITOR = "198.51.100.23"


def login_via_proxy(client, password, client_ip, forwarded_prefix=""):
    """A login through the reverse proxy, which appends the client's address."""
    return client.post(
        reverse("accounts:login"),
        {"username": "demo-phayao", "password": password, "next": "/desk/"},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded_prefix + client_ip,
    )


def test_behind_one_proxy_the_attacker_is_locked_and_the_editor_is_not(
    client, demo, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(5):
        login_via_proxy(client, "not-the-password", ATTACKER)
    assert login_via_proxy(client, PASSWORD, ATTACKER).status_code == 429
    response = login_via_proxy(client, PASSWORD, EDITOR)
    assert response.status_code == 302
    assert response["Location"] == reverse("desk:index")
    assert AccessAttempt.objects.get().ip_address == ATTACKER


def test_a_forged_header_in_front_of_the_proxy_is_not_trusted(client, demo, settings):
    # The attacker sends his own X-Forwarded-For; the proxy appends his real
    # address after it, and only that entry counts.
    settings.TRUSTED_PROXY_COUNT = 1
    for n in range(5):
        login_via_proxy(client, "not-the-password", ATTACKER, f"192.0.2.{n}, ")
    response = login_via_proxy(client, PASSWORD, ATTACKER, "192.0.2.99, ")
    assert response.status_code == 429


def test_without_trusted_proxies_a_forged_header_changes_nothing(
    client, demo, settings
):
    settings.TRUSTED_PROXY_COUNT = 0
    for n in range(5):
        client.post(
            reverse("accounts:login"),
            {"username": "demo-phayao", "password": "not-the-password"},
            REMOTE_ADDR=ATTACKER,
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}",
        )
    response = client.post(
        reverse("accounts:login"),
        {"username": "demo-phayao", "password": PASSWORD},
        REMOTE_ADDR=ATTACKER,
        HTTP_X_FORWARDED_FOR=EDITOR,
    )
    assert response.status_code == 429
    assert AccessAttempt.objects.get().ip_address == ATTACKER
