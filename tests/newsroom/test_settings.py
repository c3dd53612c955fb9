"""The production settings, checked in a separate process as they would start."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def manage(*args, **env):
    environ = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("DJANGO_") and k != "DATABASE_URL"
    }
    environ.update(DJANGO_SETTINGS_MODULE="newsroom.settings.production", **env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
    )


REQUIRED = {
    "DJANGO_SECRET_KEY": "a-long-random-secret-for-the-deploy-check-" + "x" * 30,
    "DJANGO_ALLOWED_HOSTS": "news.example.go.th",
}


def test_deploy_check_passes_with_the_required_variables():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **REQUIRED)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("missing", sorted(REQUIRED))
def test_production_refuses_to_start_without(missing):
    env = {k: v for k, v in REQUIRED.items() if k != missing}
    result = manage("check", **env)
    assert result.returncode != 0
    assert f"{missing} must be set in production" in result.stderr


def test_seed_demo_refuses_under_production_settings():
    result = manage("seed_demo", **REQUIRED)
    assert result.returncode != 0
    assert "refuses to run under production settings" in result.stderr
