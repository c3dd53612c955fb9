"""Small helpers that build rows for tests."""

import itertools
import re
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from articles.models import Agency, Article, Author
from articles.services.articles import article_create

_seq = itertools.count(1)


def make_agency(**fields):
    n = next(_seq)
    defaults = {
        "short_name": f"หน่วยงานทดสอบ{n}",
        "full_name": f"หน่วยงานทดสอบที่ {n}",
        "byline_name": f"ทดสอบ{n}",
        "slug": f"test-agency-{n}",
        "kind": Agency.Kind.PROVINCIAL,
    }
    defaults.update(fields)
    return Agency.objects.create(**defaults)


def make_author(byline=None, agency=None):
    author, _ = Author.objects.get_or_create(
        byline=byline or f"ทีมข่าวทดสอบ {next(_seq)}", defaults={"agency": agency}
    )
    return author


def make_article(*, agency=None, reads=0, **fields):
    """A published article, due an hour ago, unless fields say otherwise."""
    agency = agency or Agency.objects.get(slug="pr-phayao")
    defaults = {
        "title": f"ข่าวทดสอบ ลำดับที่ {next(_seq)}",
        "lead": "",
        "body": "<p>เนื้อข่าวทดสอบ</p>",
        "agency": agency,
        "status": Article.Status.PUBLISHED,
        "published_at": timezone.now() - timedelta(hours=1),
    }
    defaults.update(fields)
    return article_create(reads=reads, **defaults)


def make_user(
    username=None,
    *,
    password="correct-horse-battery",
    agencies=(),
    role="editor",
    **flags,
):
    """A user who is a member of `agencies` with `role` (editor or reporter)."""
    user = get_user_model().objects.create_user(
        username=username or f"user{next(_seq)}", password=password, **flags
    )
    if agencies:
        user.agencies.set(agencies, through_defaults={"role": role})
    return user


def login_verified(client, user):
    """Log `user` in as after both sign-in steps: with a confirmed authenticator
    device, and the session verified by it (site admins need both)."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


EDIT_FORM_VERSION = re.compile(r'name="version" value="(\d+)"')


def desk_form_data(client, article):
    """What the desk's edit form carries when `client` opens it."""
    html = client.get(reverse("desk:edit", args=[article.pk])).content.decode()
    return {
        "title": article.title,
        "lead": article.lead,
        "body": article.body,
        "agency": article.agency_id,
        "byline": "",
        "editor_name": "",
        "version": EDIT_FORM_VERSION.search(html)[1],
    }
