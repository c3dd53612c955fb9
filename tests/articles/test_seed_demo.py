from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from articles.models import Agency, Article, ReadTotal

pytestmark = pytest.mark.django_db

SLUGS = {"region3", "nbt-north"} | {
    f"{kind}-{province}"
    for kind in ("pr", "radio")
    for province in (
        "chiangmai", "lamphun", "lampang", "maehongson",
        "chiangrai", "phayao", "phrae", "nan",
    )
}  # fmt: skip


def seed(*args):
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def test_seed_demo_creates_agencies_news_and_accounts():
    output = seed("--editor-password", "pass-for-demo-1")
    assert set(Agency.objects.values_list("slug", flat=True)) == SLUGS
    assert Article.objects.published().count() >= 30
    assert Article.objects.values("agency").distinct().count() >= 15
    phayao = Agency.objects.get(slug="pr-phayao")
    assert phayao.short_name == "ส.ปชส.พะเยา" and phayao.byline_name == "ปชส.พะเยา"
    user_model = get_user_model()
    editor = user_model.objects.get(username="demo-phayao")
    assert list(editor.agencies.values_list("slug", flat=True)) == ["pr-phayao"]
    lampang = user_model.objects.get(username="demo-lampang")
    assert list(lampang.agencies.values_list("slug", flat=True)) == ["pr-lampang"]
    assert user_model.objects.get(username="demo-admin").is_superuser
    assert editor.check_password("pass-for-demo-1")
    assert "demo-phayao / pass-for-demo-1" in output


def test_seed_demo_is_idempotent_and_keeps_counts():
    seed("--editor-password", "pass-for-demo-1")
    seed_article = Article.objects.get(legacy_id="180614143702")
    assert seed_article.read_count == 45
    ReadTotal.objects.filter(article=seed_article).update(total=50)
    before = Article.objects.count()
    seed()
    assert Article.objects.count() == before
    assert Agency.objects.count() == len(SLUGS)
    assert ReadTotal.objects.get(article=seed_article).total == 50


def test_generated_password_is_printed_and_works():
    output = seed()
    line = next(x for x in output.splitlines() if "demo-lampang /" in x)
    password = line.split(" / ", 1)[1].strip()
    user = get_user_model().objects.get(username="demo-lampang")
    assert user.check_password(password)
