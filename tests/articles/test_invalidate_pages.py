"""`manage.py invalidate_pages`: after a deploy, no page of the old code."""

from io import StringIO

import pytest
from django.core.management import call_command

from articles.models import PageGeneration

pytestmark = pytest.mark.django_db


def _value():
    return PageGeneration.objects.get(pk=1).value


def test_dry_run_changes_nothing():
    before, out = _value(), StringIO()
    call_command("invalidate_pages", "--dry-run", stdout=out)
    assert _value() == before and str(before) in out.getvalue()


def test_moves_the_generation_on():
    before, out = _value(), StringIO()
    call_command("invalidate_pages", stdout=out)
    assert _value() == before + 1 and str(before + 1) in out.getvalue()
