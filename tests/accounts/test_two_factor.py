"""The second sign-in step: site admins must, editors may, use an authenticator
code (or a one-time recovery code) after the password; axes' lockout counts
wrong codes too."""

import re

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import make_user

pytestmark = pytest.mark.django_db

PASSWORD = "two-factor-test-password-3"
IP = "203.0.113.9"
LOCKED = "บัญชีถูกระงับชั่วคราว"


def code(device, offset=0):
    return f"{totp(device.bin_key, step=device.step, drift=offset):0{device.digits}d}"


def login(client, user, next_url="/desk/"):
    return client.post(
        reverse("accounts:login"),
        {"username": user.username, "password": PASSWORD, "next": next_url},
        REMOTE_ADDR=IP,
    )


def enrol(client, user):
    """Set up a device through the setup page; return it and the recovery codes."""
    response = client.get(reverse("accounts:two_factor_setup"), REMOTE_ADDR=IP)
    assert response.status_code == 200
    assert "<svg" in response.content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(
        reverse("accounts:two_factor_setup"),
        {"token": code(device), "next": "/admin/"},
        REMOTE_ADDR=IP,
    )
    assert response.status_code == 200
    codes = response.context["codes"]
    device.refresh_from_db()
    assert device.confirmed
    return device, codes


@pytest.fixture
def admin_user():
    return make_user("chief-admin", password=PASSWORD, is_superuser=True, is_staff=True)


def test_superuser_without_a_second_factor_cannot_reach_admin(client, admin_user):
    response = login(client, admin_user)
    assert response["Location"].startswith(reverse("accounts:two_factor_setup"))
    for path in ("/admin/", "/admin/articles/article/", "/desk/", "/desk/stats/"):
        response = client.get(path, REMOTE_ADDR=IP)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:two_factor_setup"))


def test_superuser_sets_up_a_device_then_reaches_admin(client, admin_user):
    login(client, admin_user)
    _, codes = enrol(client, admin_user)
    assert len(codes) == 10
    assert client.get("/admin/", REMOTE_ADDR=IP).status_code == 200
    assert client.get("/desk/", REMOTE_ADDR=IP).status_code == 200


def test_a_wrong_setup_code_is_refused_in_thai(client, admin_user):
    login(client, admin_user)
    client.get(reverse("accounts:two_factor_setup"), REMOTE_ADDR=IP)
    response = client.post(
        reverse("accounts:two_factor_setup"), {"token": "000000"}, REMOTE_ADDR=IP
    )
    if response.context.get("codes"):  # 000000 was, by chance, the right code
        pytest.skip("the random secret's code was 000000")
    assert "รหัสไม่ถูกต้อง" in response.content.decode()
    assert client.get("/admin/", REMOTE_ADDR=IP).status_code == 302


def test_the_code_is_asked_after_the_password(client, admin_user):
    login(client, admin_user)
    device, _ = enrol(client, admin_user)
    client.post(reverse("accounts:logout"))
    # The login box of a public page: the next step is the code, not the page.
    response = login(client, admin_user, next_url="/news/1/")
    assert response.status_code == 302
    assert response["Location"] == (
        reverse("accounts:two_factor_verify") + "?next=%2Fnews%2F1%2F"
    )
    response = client.get("/admin/", REMOTE_ADDR=IP)
    assert response["Location"].startswith(reverse("accounts:two_factor_verify"))
    # The code of the next period: the setup used this period's, once only.
    response = client.post(
        reverse("accounts:two_factor_verify"),
        {"token": code(device, offset=1), "next": "/admin/"},
        REMOTE_ADDR=IP,
    )
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/", REMOTE_ADDR=IP).status_code == 200


def test_a_recovery_code_works_once(client, admin_user):
    login(client, admin_user)
    _, codes = enrol(client, admin_user)
    for attempt in range(2):
        client.post(reverse("accounts:logout"))
        login(client, admin_user)
        response = client.post(
            reverse("accounts:two_factor_verify"),
            {"token": codes[0], "next": "/desk/"},
            REMOTE_ADDR=IP,
        )
        if attempt == 0:
            assert response["Location"] == "/desk/"
        else:
            assert response.status_code == 200
            assert "รหัสไม่ถูกต้อง" in response.content.decode()
    assert StaticToken.objects.filter(device__user=admin_user).count() == 9


def test_wrong_codes_lock_the_account_like_wrong_passwords(client, admin_user):
    login(client, admin_user)
    enrol(client, admin_user)
    client.post(reverse("accounts:logout"))
    login(client, admin_user)
    statuses = []
    for _ in range(5):
        response = client.post(
            reverse("accounts:two_factor_verify"),
            {"token": "not-a-code"},
            REMOTE_ADDR=IP,
        )
        statuses.append(response.status_code)
    assert statuses == [200, 200, 200, 200, 429]
    assert LOCKED in response.content.decode()
    assert "_auth_user_id" not in client.session
    # The password alone no longer opens the door either.
    response = login(client, admin_user)
    assert response.status_code == 429


def test_editor_without_a_device_may_use_the_desk(client, agency):
    editor = make_user("plain-editor", password=PASSWORD, agencies=[agency])
    login(client, editor)
    assert client.get("/desk/", REMOTE_ADDR=IP).status_code == 200


def test_editor_who_added_a_device_is_asked_for_the_code(client, agency):
    editor = make_user("careful-editor", password=PASSWORD, agencies=[agency])
    login(client, editor)
    enrol(client, editor)
    client.post(reverse("accounts:logout"))
    login(client, editor)
    response = client.get("/desk/", REMOTE_ADDR=IP)
    assert response["Location"].startswith(reverse("accounts:two_factor_verify"))


def test_setup_page_shows_the_secret_as_text(client, admin_user):
    login(client, admin_user)
    html = client.get(reverse("accounts:two_factor_setup"), REMOTE_ADDR=IP)
    text = html.content.decode()
    assert re.search(r'<code class="otp-secret">[A-Z2-7 ]{32,}</code>', text)
    assert "<script" not in text.split("<main", 1)[1]


def test_a_code_typed_right_after_a_wrong_one_is_asked_again_later(client, admin_user):
    login(client, admin_user)
    device, _ = enrol(client, admin_user)
    client.post(reverse("accounts:logout"))
    login(client, admin_user)
    verify = reverse("accounts:two_factor_verify")
    first = client.post(verify, {"token": "1"}, REMOTE_ADDR=IP)
    assert "รหัสไม่ถูกต้อง" in first.content.decode()
    second = client.post(verify, {"token": code(device, offset=1)}, REMOTE_ADDR=IP)
    assert second.status_code == 200
    assert "โปรดรอสองสามวินาที" in second.content.decode()
