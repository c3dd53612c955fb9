"""The browser tests' Chromium (Debian's, headless) and shared helpers."""

import os

import pytest
from django.db import connections

# Playwright's sync API runs an event loop in this thread; the ORM calls made
# here between browser steps are ordinary synchronous ones.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
# Functions, not bare expressions: Playwright evaluates a bare string with eval,
# which the desk's Content-Security-Policy (rightly) forbids.
EDITOR_READY = (
    "() => window.CKEDITOR && CKEDITOR.instances.id_body "
    "&& CKEDITOR.instances.id_body.status === 'ready'"
)


@pytest.fixture
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()
        # ORM calls made while Playwright's loop runs use their own connection
        # (Django's connections are context-local); close it, or PostgreSQL
        # refuses to drop the test database at the end of the session.
        connections.close_all()


def log_in(page, base_url, username, password):
    """Log in from the box every page carries; land on the desk."""
    page.goto(base_url + "/")
    page.fill("#login-box-username", username)
    page.fill("#login-box-password", password)
    page.click(".login-box button[type=submit]")
    page.wait_for_url(base_url + "/desk/")
