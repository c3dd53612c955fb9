"""A site admin signs in with password and authenticator code in Chromium."""

import os
from pathlib import Path

import pytest
from django.db import connections
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import make_user

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
PASSWORD = "browser-two-factor-password-5"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is absent"),
]


def code(device, drift=0):
    return f"{totp(device.bin_key, step=device.step, drift=drift):0{device.digits}d}"


def test_admin_sets_up_and_then_uses_an_authenticator(live_server):
    from playwright.sync_api import sync_playwright

    admin = make_user(
        "browser-admin", password=PASSWORD, is_superuser=True, is_staff=True
    )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--no-sandbox"]
        )
        page = browser.new_context(locale="th-TH").new_page()
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))

        page.goto(live_server.url + "/")
        page.fill("#login-box-username", admin.username)
        page.fill("#login-box-password", PASSWORD)
        page.click(".login-box button[type=submit]")
        page.wait_for_url("**/accounts/two-factor/setup/**")
        assert page.locator("svg.qr").is_visible()
        secret = page.locator(".otp-secret").inner_text().replace(" ", "")
        device = TOTPDevice.objects.get(user=admin, confirmed=False)
        assert len(secret) >= 32
        page.fill("#id_token", code(device))
        page.click("main button[type=submit]")
        page.wait_for_selector(".recovery-codes")
        assert page.locator(".recovery-codes li").count() == 10

        page.goto(live_server.url + "/admin/")
        assert page.url == live_server.url + "/admin/"
        assert page.locator("text=การจัดการเว็บไซต์ข่าว").first.is_visible()

        # Out, and in again: the code is asked after the password.
        page.goto(live_server.url + "/desk/")
        page.click("text=ออกจากระบบ")
        page.goto(live_server.url + "/accounts/login/?next=/admin/")
        page.fill("#id_username", admin.username)
        page.fill("#id_password", PASSWORD)
        page.click("main button[type=submit]")
        page.wait_for_url("**/accounts/two-factor/?next=**")
        page.fill("#id_token", "123")
        page.click("main button[type=submit]")
        assert page.locator("text=รหัสไม่ถูกต้อง").is_visible()
        # django-otp refuses any code for a second after a wrong one.
        page.wait_for_timeout(2500)
        # The next step's code, from the drift the setup's code left on the
        # device (a setup that crossed a 30 s step moved it by one).
        device.refresh_from_db()
        page.fill("#id_token", code(device, drift=device.drift + 1))
        page.click("main button[type=submit]")
        page.wait_for_url(live_server.url + "/admin/")
        assert page.locator("text=การจัดการเว็บไซต์ข่าว").first.is_visible()
        assert errors == []
        browser.close()
        # Inside the block: the ORM calls above used the connection of
        # Playwright's context, which a close_all() after the block misses,
        # and PostgreSQL then refuses to drop the test database.
        connections.close_all()
