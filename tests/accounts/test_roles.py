"""Roles per agency: memberships carry reporter or editor, kept through the
migration, managed in the admin, and checked by every desk action."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.urls import reverse

from accounts.models import Membership
from articles.models import Agency, Article
from articles.services.demo import demo_seed
from tests.admin_forms import admin_form_data
from tests.factories import login_verified, make_article, make_user

User = get_user_model()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migration_keeps_every_member_as_an_editor():
    before = [
        ("accounts", "0002_initial"),
        ("articles", "0006_article_newest_first_index"),
    ]
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    OldUser, OldAgency = (
        old.get_model("accounts", "User"),
        old.get_model("articles", "Agency"),
    )
    user = OldUser.objects.create(username="old-member")
    agencies = list(OldAgency.objects.filter(slug__in=["pr-phayao", "pr-nan"]))
    user.agencies.add(*agencies)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(latest)
    rows = Membership.objects.filter(user__username="old-member")
    assert sorted(rows.values_list("agency__slug", "role")) == [
        ("pr-nan", "editor"),
        ("pr-phayao", "editor"),
    ]
    User.objects.filter(username="old-member").delete()


@pytest.mark.django_db
def test_seed_demo_makes_a_reporter_and_two_editors():
    demo_seed(editor_password="seed-roles-1")
    roles = set(
        Membership.objects.filter(user__username__startswith="demo-").values_list(
            "user__username", "agency__slug", "role"
        )
    )
    assert roles == {
        ("demo-phayao", "pr-phayao", "editor"),
        ("demo-lampang", "pr-lampang", "editor"),
        ("demo-reporter-phayao", "pr-phayao", "reporter"),
    }
    demo_seed()  # idempotent
    assert Membership.objects.filter(user__username__startswith="demo-").count() == 3


@pytest.mark.django_db
def test_the_admin_manages_memberships_inline_on_the_user(agency):
    admin = Client()
    login_verified(admin, make_user("roles-admin", is_staff=True, is_superuser=True))
    person = make_user("new-reporter")
    url = reverse("admin:accounts_user_change", args=[person.pk])
    data = admin_form_data(admin, url)
    assert "memberships-TOTAL_FORMS" in data
    data.update(
        {"memberships-0-agency": str(agency.pk), "memberships-0-role": "reporter"}
    )
    response = admin.post(url, data)
    assert response.status_code == 302
    membership = Membership.objects.get(user=person)
    assert (membership.agency, membership.role) == (agency, "reporter")


@pytest.fixture
def reporter_client(agency):
    client = Client()
    client.force_login(make_user("a-reporter", agencies=[agency], role="reporter"))
    return client


@pytest.mark.django_db
def test_a_reporter_cannot_publish_schedule_unpublish_or_return_by_any_post(
    reporter_client, agency
):
    reporter = User.objects.get(username="a-reporter")
    own = make_article(
        status=Article.Status.SUBMITTED, published_at=None, reporter=reporter
    )
    published = make_article()
    future = "2099-01-01T10:00"
    for article in (own, published):
        before = Article.objects.filter(pk=article.pk).values().get()
        posts = [
            (reverse("desk:publish", args=[article.pk]), {}),
            (reverse("desk:unpublish", args=[article.pk]), {}),
            (reverse("desk:schedule", args=[article.pk]), {"published_at": future}),
        ] + [
            (
                reverse("desk:edit", args=[article.pk]),
                {
                    "title": "ยึด",
                    "body": "<p>ยึด</p>",
                    "agency": agency.pk,
                    "version": article.version,
                    "action": action,
                    "published_at": future,
                    "review_note": "x",
                },
            )
            for action in ("publish", "schedule", "unpublish", "return")
        ]
        for url, data in posts:
            response = reporter_client.post(url, data)
            assert response.status_code == 403, (url, data.get("action"))
        assert Article.objects.filter(pk=article.pk).values().get() == before


@pytest.mark.django_db
def test_another_agencys_editor_is_refused_with_403(agency, other_agency):
    article = make_article(status=Article.Status.SUBMITTED, published_at=None)
    client = Client()
    client.force_login(make_user("lampang-chief", agencies=[other_agency]))
    for name in ("desk:publish", "desk:unpublish"):
        assert client.post(reverse(name, args=[article.pk])).status_code == 403
    response = client.post(
        reverse("desk:edit", args=[article.pk]), {"action": "publish"}
    )
    assert response.status_code == 403
    assert Article.objects.get(pk=article.pk).status == Article.Status.SUBMITTED


@pytest.mark.django_db
def test_a_reporter_sees_and_edits_only_their_own_articles(reporter_client, agency):
    reporter = User.objects.get(username="a-reporter")
    own = make_article(
        title="ข่าวของผู้สื่อข่าว",
        status=Article.Status.DRAFT,
        published_at=None,
        reporter=reporter,
    )
    colleague = make_article(title="ข่าวของคนอื่น", status=Article.Status.DRAFT)
    html = reporter_client.get(reverse("desk:index")).content.decode()
    assert "ข่าวของผู้สื่อข่าว" in html and "ข่าวของคนอื่น" not in html
    assert reporter_client.get(reverse("desk:edit", args=[own.pk])).status_code == 200
    edit = reverse("desk:edit", args=[colleague.pk])
    assert reporter_client.get(edit).status_code == 404
    # Once an editor has published it, the reporter can no longer change it.
    Article.objects.filter(pk=own.pk).update(status=Article.Status.PUBLISHED)
    response = reporter_client.post(
        reverse("desk:edit", args=[own.pk]),
        {
            "title": "แก้หลังเผยแพร่",
            "body": "<p>x</p>",
            "agency": agency.pk,
            "version": own.version,
        },
    )
    assert response.status_code == 403
    assert Article.objects.get(pk=own.pk).title == "ข่าวของผู้สื่อข่าว"


@pytest.mark.django_db
def test_a_reporters_edit_page_offers_submit_but_no_editor_action(
    reporter_client, agency
):
    reporter = User.objects.get(username="a-reporter")
    own = make_article(
        status=Article.Status.DRAFT, published_at=None, reporter=reporter
    )
    html = reporter_client.get(reverse("desk:edit", args=[own.pk])).content.decode()
    assert 'value="submit"' in html
    for action in ("publish", "schedule", "unpublish", "return"):
        assert f'value="{action}"' not in html
    assert Agency.objects.filter(memberships__user=reporter).get() == agency
