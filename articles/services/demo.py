"""Demo content: the Region 3 agencies, demo news, demo editors. Idempotent."""

import secrets
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape

from accounts.models import Membership
from articles.agencies_data import region3_agencies
from articles.demo_content import ARTICLES, SEED_PAGE
from articles.models import Agency, Article, Author
from articles.services.articles import article_create
from articles.thai import BANGKOK

DEMO_EDITORS = {"demo-phayao": "pr-phayao", "demo-lampang": "pr-lampang"}
DEMO_REPORTERS = {"demo-reporter-phayao": "pr-phayao"}
DEMO_ADMIN = "demo-admin"


def paragraphs_html(paragraphs):
    return "".join(f"<p>{escape(p)}</p>" for p in paragraphs)


def agencies_sync():
    for row in region3_agencies():
        row = dict(row)
        slug = row.pop("slug")
        Agency.objects.update_or_create(slug=slug, defaults=row)


def _author(byline, agency):
    author, _ = Author.objects.get_or_create(byline=byline, defaults={"agency": agency})
    return author


def _demo_article(
    *,
    agency_slug,
    byline,
    editor,
    published_at,
    title,
    lead,
    body,
    legacy_id=None,
    reads=0,
):
    agency = Agency.objects.get(slug=agency_slug)
    if Article.objects.filter(agency=agency, title=title).exists():
        return False
    article_create(
        title=title,
        lead=lead,
        body=body,
        agency=agency,
        author=_author(byline, agency),
        editor_name=editor,
        status=Article.Status.PUBLISHED,
        published_at=published_at,
        legacy_id=legacy_id,
        reads=reads,
    )
    return True


def _account(username, *, password, reset, **flags):
    """Get or create the account; set its password when new or when asked to."""
    user, created = get_user_model().objects.get_or_create(
        username=username, defaults=flags
    )
    if not (created or reset):
        return user, None
    user.set_password(password)
    user.save()
    return user, password


@transaction.atomic
def demo_seed(*, editor_password=None, now=None):
    """Create what is missing; return the created counts and the passwords used."""
    now = now or timezone.now()
    agencies_sync()
    created_articles = 0
    seed = SEED_PAGE
    created_articles += _demo_article(
        agency_slug=seed["agency"],
        byline=seed["byline"],
        editor=seed["editor"],
        published_at=datetime(*seed["published"], tzinfo=BANGKOK),
        title=seed["title"],
        lead=seed["lead"],
        body=paragraphs_html(seed["paragraphs"]),
        legacy_id=seed["legacy_id"],
        reads=seed["reads"],
    )
    today = now.astimezone(BANGKOK).replace(minute=0, second=0, microsecond=0)
    for slug, byline, editor, days, hour, title, lead, paras in ARTICLES:
        published = (today - timedelta(days=days)).replace(hour=hour)
        if published > now:
            published -= timedelta(days=1)
        created_articles += _demo_article(
            agency_slug=slug,
            byline=byline,
            editor=editor,
            published_at=published,
            title=title,
            lead=lead,
            body=paragraphs_html(paras),
        )

    password = editor_password or secrets.token_urlsafe(9)
    reset = bool(editor_password)
    accounts = {}
    roles = [(DEMO_EDITORS, Membership.Role.EDITOR)]
    roles.append((DEMO_REPORTERS, Membership.Role.REPORTER))
    for people, role in roles:
        for username, slug in people.items():
            user, accounts[username] = _account(
                username,
                password=password,
                reset=reset,
                email=f"{username}@example.org",
            )
            Membership.objects.update_or_create(
                user=user, agency=Agency.objects.get(slug=slug), defaults={"role": role}
            )
    _, accounts[DEMO_ADMIN] = _account(
        DEMO_ADMIN, password=password, reset=reset, is_staff=True, is_superuser=True
    )
    return {"articles": created_articles, "accounts": accounts}
