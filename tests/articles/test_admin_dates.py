"""The admin in Thai whatever the browser asks for, its change forms showing and
taking Buddhist-Era dates in Bangkok time, round trip, across a year boundary."""

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from django.contrib.admin.models import LogEntry
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.admin_dates import AdminBuddhistDateField, AdminBuddhistDateTimeField
from articles.models import Article, ArticleEvent, DailyRead, Notice
from articles.thai import BANGKOK
from tests.admin_forms import admin_form_data
from tests.factories import login_verified, make_article, make_user

pytestmark = pytest.mark.django_db
ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}
# 00:30 on 1 January 2570 in Bangkok is still 2026 in UTC.
NEW_YEAR_BANGKOK = datetime(2026, 12, 31, 17, 30, tzinfo=UTC)


@pytest.fixture
def admin_client_(db):
    client = Client(**ENGLISH)
    login_verified(client, make_user("site-admin", is_staff=True, is_superuser=True))
    return client


def change_url(obj):
    meta = obj._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])


def field_value(html, name):
    match = re.search(rf'<input[^>]*name="{name}"[^>]*>', html)
    assert match, f"no input {name}"
    return re.search(r'value="([^"]*)"', match[0])[1]


def test_the_admin_is_thai_for_an_english_browser(admin_client_):
    html = admin_client_.get(reverse("admin:index"), **ENGLISH).content.decode()
    assert '<html lang="th"' in html
    assert "ออกจากระบบ" in html and "Log out" not in html
    login = Client().get(reverse("admin:login"), **ENGLISH).content.decode()
    assert "ชื่อผู้ใช้" in login and "Username" not in login


def test_published_at_is_shown_in_the_buddhist_era_in_bangkok(admin_client_):
    article = make_article(published_at=NEW_YEAR_BANGKOK)
    html = admin_client_.get(change_url(article)).content.decode()
    assert field_value(html, "published_at") == "1/1/2570 00:30"
    assert "2026" not in field_value(html, "published_at")


def test_an_untouched_form_keeps_the_time_to_the_second(admin_client_):
    stored = NEW_YEAR_BANGKOK.replace(second=7, microsecond=123456)
    article = make_article(published_at=stored)
    data = admin_form_data(admin_client_, change_url(article))
    assert data["published_at"] == "1/1/2570 00:30:07"
    events = ArticleEvent.objects.filter(article=article).count()
    response = admin_client_.post(change_url(article), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    article.refresh_from_db()
    assert article.published_at == stored  # not even the microseconds moved
    assert ArticleEvent.objects.filter(article=article).count() == events


def test_a_typed_buddhist_time_is_stored_as_that_bangkok_moment(admin_client_):
    article = make_article(published_at=NEW_YEAR_BANGKOK)
    data = admin_form_data(admin_client_, change_url(article))
    data["published_at"] = "31/12/2569 23:59"  # back across the new year
    response = admin_client_.post(change_url(article), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    article.refresh_from_db()
    assert article.published_at == datetime(2026, 12, 31, 16, 59, tzinfo=UTC)
    assert timezone.localtime(article.published_at, BANGKOK).year == 2026
    shown = admin_form_data(admin_client_, change_url(article))["published_at"]
    assert shown == "31/12/2569 23:59"


def test_a_christian_year_is_refused_in_thai_and_nothing_changes(admin_client_):
    article = make_article(published_at=NEW_YEAR_BANGKOK)
    data = admin_form_data(admin_client_, change_url(article))
    data["published_at"] = "1/1/2027 00:30"
    response = admin_client_.post(change_url(article), data)
    assert response.status_code == 200
    assert "ดูเหมือนเป็นปี ค.ศ." in response.content.decode()
    article.refresh_from_db()
    assert article.published_at == NEW_YEAR_BANGKOK
    assert article.version == 1


def test_read_only_times_and_the_history_page_are_buddhist_era(admin_client_):
    article = make_article(published_at=NEW_YEAR_BANGKOK)
    Article.objects.filter(pk=article.pk).update(created_at=NEW_YEAR_BANGKOK)
    html = admin_client_.get(change_url(article)).content.decode()
    assert "1 มกราคม 2570 / 00:30:00" in html  # created_at, read-only
    event = ArticleEvent.objects.filter(article=article).latest("at")
    year = timezone.localtime(event.at, BANGKOK).year
    assert f"{year + 543} /" in html  # the inline's event time
    data = admin_form_data(admin_client_, change_url(article))
    assert admin_client_.post(change_url(article), data).status_code == 302
    history = admin_client_.get(change_url(article).replace("change", "history"))
    row = re.search(r'<th scope="row">([^<]*)</th>', history.content.decode())[1]
    # The year of the change itself: the clock may cross midnight mid-test.
    logged = LogEntry.objects.filter(object_id=str(article.pk)).latest("action_time")
    logged_year = timezone.localtime(logged.action_time, BANGKOK).year
    assert row.split(" / ")[0].endswith(str(logged_year + 543)), row


def test_the_date_links_above_the_list_are_buddhist_era(admin_client_):
    make_article(published_at=NEW_YEAR_BANGKOK)
    html = admin_client_.get(reverse("admin:articles_article_changelist")).content
    nav = re.search(r'<nav class="toplinks">(.*?)</nav>', html.decode(), re.S)[1]
    text = re.sub(r"<[^>]+>", " ", nav)  # the links' own addresses keep 2027
    assert "2570" in text and "2027" not in text


def test_a_notice_expiry_round_trips_in_the_buddhist_era(admin_client_):
    add = reverse("admin:articles_notice_add")
    response = admin_client_.post(
        add, {"text": "ฝุ่นควันสูง", "link": "", "expires_at": "๑/๑/๒๕๗๐ ๐๐:๓๐"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    notice = Notice.objects.get()
    assert notice.expires_at == NEW_YEAR_BANGKOK
    html = admin_client_.get(change_url(notice)).content.decode()
    assert field_value(html, "expires_at") == "1/1/2570 00:30"


def test_a_calendar_day_round_trips_in_the_buddhist_era(admin_client_):
    article = make_article()
    read = DailyRead.objects.create(article=article, day=date(2026, 12, 31), count=3)
    data = admin_form_data(admin_client_, change_url(read))
    assert data["day"] == "31/12/2569"
    data["day"] = "1/1/2570"
    assert admin_client_.post(change_url(read), data).status_code == 302
    read.refresh_from_db()
    assert read.day == date(2027, 1, 1)


def test_a_user_s_dates_are_buddhist_era_too(admin_client_):
    user = make_user("reporter-nan")
    joined = NEW_YEAR_BANGKOK - timedelta(days=1)
    type(user).objects.filter(pk=user.pk).update(date_joined=joined)
    data = admin_form_data(admin_client_, change_url(user))
    assert data["date_joined"] == "31/12/2569 00:30"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("31/12/2569 23:59:59", datetime(2026, 12, 31, 16, 59, 59, tzinfo=UTC)),
        ("1/1/2570 00:00", datetime(2026, 12, 31, 17, 0, tzinfo=UTC)),
        ("1/1/2570", datetime(2026, 12, 31, 17, 0, tzinfo=UTC)),
    ],
)
def test_the_datetime_field_reads_bangkok_buddhist_text(text, expected):
    assert AdminBuddhistDateTimeField().clean(text) == expected


@pytest.mark.parametrize("text", ["31/2/2570 10:00", "1/1/2027 10:00:00", "พรุ่งนี้"])
def test_the_datetime_field_refuses_bad_text_in_thai(text):
    with pytest.raises(Exception) as error:
        AdminBuddhistDateTimeField().clean(text)
    assert re.search("[ก-๙]", str(error.value))


def test_the_date_field_refuses_a_christian_year():
    with pytest.raises(Exception, match="ปี ค.ศ."):
        AdminBuddhistDateField().clean("1/1/2027")
