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
from articles.demo_pages import demo_pages
from articles.demo_photos import demo_photos_sync
from articles.models import Agency, Article, Author, Page, Topic
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


# (slug, name, words in a demo title that put it under the topic)
DEMO_TOPICS = [
    ("highlights", "ข่าวเด่น", ("เทศกาลดอกไม้", "PM2.5")),
    ("agriculture", "การเกษตร", ("ลำไย", "ข้าวเปลือก", "ชาและกาแฟ", "สินค้าเกษตร")),
    ("health", "สาธารณสุข", ("สุขภาพ", "ไข้เลือดออก", "ฝุ่นละออง")),
    ("tourism", "การท่องเที่ยว", ("ท่องเที่ยว", "ทะเลหมอก", "ดอกไม้ผลิบาน")),
    ("disasters", "ภัยพิบัติ", ("ฝุ่นละออง", "อุทกภัย", "ฤดูฝน", "ไฟป่า")),
    ("education", "การศึกษา", ("โรงเรียน", "อบรม", "เยาวชน", "วันเด็ก")),
]
# The demo home page's lead: the editor's pick, not just the newest.
DEMO_FEATURED = "ผู้ว่าราชการจังหวัดเชียงใหม่เปิดงานเทศกาลดอกไม้ผลิบาน ประจำปี"


def topics_sync():
    """The demo topics, each on the demo articles whose title has its words."""
    for slug, name, words in DEMO_TOPICS:
        topic, _ = Topic.objects.update_or_create(slug=slug, defaults={"name": name})
        for article in Article.objects.filter(legacy_id__isnull=True):
            if any(word in article.title for word in words):
                article.topics.add(topic)
    Article.objects.filter(title=DEMO_FEATURED, is_featured=False).update(
        is_featured=True
    )


def pages_sync():
    """Create the office's pages that are missing; an existing page is the
    admins' and stays as they wrote it. Returns how many were created."""
    created = 0
    for page in demo_pages():
        _, new = Page.objects.get_or_create(
            slug=page["slug"],
            defaults={"title": page["title"], "body": page["body"].strip()},
        )
        created += new
    return created


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
    created_pages = pages_sync()
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

    topics_sync()
    created_photos = demo_photos_sync()

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
    return {
        "articles": created_articles,
        "pages": created_pages,
        "photos": created_photos,
        "accounts": accounts,
    }
