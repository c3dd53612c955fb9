"""The reads dashboard, /desk/stats/: figures, scoping, CSV, Buddhist-Era periods."""

import csv
import io
from datetime import date, datetime

import pytest
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone

from articles.models import Agency, Article, DailyRead
from articles.thai import BANGKOK
from tests.factories import login_verified, make_article, make_user

NOVEMBER = {"start": "1/11/2569", "end": "30/11/2569"}
OCT_NOV = {"start": "1/10/2569", "end": "30/11/2569"}


@pytest.fixture
def reads(db, agency, other_agency):
    """Reads of three articles of two agencies over October-December 2026."""
    phayao = [
        make_article(agency=agency, title="ข่าวพะเยา ฝนตกหนัก"),
        make_article(agency=agency, title='=HYPERLINK("http://x")'),
    ]
    lampang = make_article(agency=other_agency, title="ข่าวลำปาง รถม้า")
    rows = [
        (phayao[0], date(2026, 10, 31), 7),
        (phayao[0], date(2026, 11, 1), 11),
        (phayao[0], date(2026, 11, 30), 5),
        (phayao[1], date(2026, 11, 15), 3),
        (lampang, date(2026, 11, 1), 40),
        (lampang, date(2026, 12, 1), 1000),
    ]
    for article, day, count in rows:
        DailyRead.objects.create(article=article, day=day, count=count)
    return {"phayao": phayao, "lampang": lampang}


def admin_client(client):
    login_verified(client, make_user(is_superuser=True, is_staff=True))
    return client


def editor_client(client, agency):
    client.force_login(make_user(agencies=[agency]))
    return client


def read_csv(response):
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))


def rows_sum(start, end, **filters):
    rows = DailyRead.objects.filter(day__gte=start, day__lte=end, **filters)
    return rows.aggregate(n=Sum("count"))["n"]


@pytest.mark.django_db
def test_admin_totals_equal_the_sums_of_the_read_rows(client, reads, agency):
    response = admin_client(client).get(reverse("desk:stats"), OCT_NOV)
    assert response.status_code == 200
    expected = rows_sum(date(2026, 10, 1), date(2026, 11, 30))
    assert response.context["total"] == expected == 66
    tables = response.context["tables"]
    assert sum(row[1] for row in tables["daily"].rows) == expected
    assert len(tables["daily"].rows) == 61  # every day, read or not
    monthly = {row[0]: row[1] for row in tables["monthly"].rows}
    assert monthly == {"ต.ค. 2569": 7, "พ.ย. 2569": 59}
    per_agency = {row[0]: row[1] for row in tables["agencies"].rows}
    assert per_agency[agency.short_name] == rows_sum(
        date(2026, 10, 1), date(2026, 11, 30), article__agency=agency
    )
    assert per_agency["ส.ปชส.ลำปาง"] == 40
    top = tables["most-read"].rows
    assert [row[1] for row in top][:2] == ["ข่าวลำปาง รถม้า", "ข่าวพะเยา ฝนตกหนัก"]
    assert [row[4] for row in top][:2] == [40, 23]
    assert "<svg" in response.content.decode()


@pytest.mark.django_db
def test_editor_sees_only_their_agency(client, reads, agency):
    response = editor_client(client, agency).get(reverse("desk:stats"), NOVEMBER)
    assert response.status_code == 200
    assert response.context["total"] == 19
    tables = response.context["tables"]
    assert tables["daily"].columns == ["วันที่", "รวม", agency.short_name]
    assert [row[0] for row in tables["agencies"].rows] == [agency.short_name]
    assert "ข่าวลำปาง" not in response.content.decode()


@pytest.mark.django_db
def test_editor_gets_403_for_another_agencys_figures(client, reads, agency):
    client = editor_client(client, agency)
    for name in ("daily", "monthly", "agencies", "most-read", "published"):
        url = reverse("desk:stats-csv", args=[name])
        response = client.get(url, {**NOVEMBER, "agency": "pr-lampang"})
        assert response.status_code == 403
    response = client.get(reverse("desk:stats"), {"agency": "pr-lampang"})
    assert response.status_code == 403
    response = client.get(reverse("desk:stats-csv", args=["daily"]), NOVEMBER)
    assert read_csv(response)[0] == ["วันที่", "รวม", agency.short_name]


@pytest.mark.django_db
def test_admin_may_narrow_to_one_agency(client, reads, other_agency):
    response = admin_client(client).get(
        reverse("desk:stats"), {**NOVEMBER, "agency": other_agency.slug}
    )
    assert response.context["total"] == 40


def test_login_is_required(client, db):
    response = client.get(reverse("desk:stats"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


@pytest.mark.django_db
def test_csv_opens_with_thai_intact(client, reads, agency):
    response = admin_client(client).get(
        reverse("desk:stats-csv", args=["most-read"]), NOVEMBER
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "stats-most-read-25691101-25691130.csv" in response["Content-Disposition"]
    rows = read_csv(response)
    assert rows[0] == [
        "อันดับ", "หัวข้อข่าว", "หน่วยงาน", "วันที่เผยแพร่", "ยอดอ่าน", "รหัสข่าว"
    ]  # fmt: skip
    assert rows[1][1:3] == ["ข่าวลำปาง รถม้า", "ส.ปชส.ลำปาง"]
    assert rows[1][4] == "40"
    # A title that is a formula is text to a spreadsheet.
    assert '\'=HYPERLINK("http://x")' in [row[1] for row in rows]


@pytest.mark.django_db
def test_daily_csv_has_one_row_per_day_with_be_dates(client, reads):
    response = admin_client(client).get(
        reverse("desk:stats-csv", args=["daily"]), NOVEMBER
    )
    rows = read_csv(response)
    assert rows[1][:2] == ["1/11/2569", "51"]
    assert rows[-1][0] == "30/11/2569"
    assert len(rows) == 31


@pytest.mark.django_db
def test_published_counts_follow_bangkok_months(client, agency):
    late_november = datetime(2026, 11, 30, 23, 30, tzinfo=BANGKOK)
    early_december = datetime(2026, 12, 1, 0, 30, tzinfo=BANGKOK)
    for when in (late_november, early_december):
        make_article(agency=agency, published_at=when)
    make_article(agency=agency, published_at=late_november, status="draft")
    response = admin_client(client).get(
        reverse("desk:stats"), {"start": "1/11/2569", "end": "31/12/2569"}
    )
    published = {row[0]: row[1] for row in response.context["tables"]["published"].rows}
    assert published == {"พ.ย. 2569": 1, "ธ.ค. 2569": 1}
    assert Article.objects.filter(status="draft").count() == 1


@pytest.mark.django_db
def test_default_period_is_this_bangkok_month(client, agency):
    article = make_article(agency=agency)
    today = timezone.localdate()
    DailyRead.objects.create(article=article, day=today, count=9)
    response = admin_client(client).get(reverse("desk:stats"))
    period = response.context["period"]
    # The request may run past a Bangkok midnight that ends the month: the
    # period is then the new month, which holds none of today's reads.
    seen = today if period.start == today.replace(day=1) else timezone.localdate()
    assert period.start == seen.replace(day=1)
    assert period.start <= seen <= period.end
    assert response.context["total"] == (9 if seen == today else 0)


@pytest.mark.parametrize(
    "start", ["31/11/2569", "1/13/2569", "พรุ่งนี้", "2026-11-01", "1/11/25690"]
)
@pytest.mark.django_db
def test_bad_be_dates_get_a_thai_error(client, start):
    client = admin_client(client)
    response = client.get(reverse("desk:stats"), {"start": start, "end": "30/11/2569"})
    assert response.status_code == 200
    errors = response.context["form"].errors["start"]
    assert errors == ["วันที่ไม่ถูกต้อง กรุณากรอกเป็น วัน/เดือน/ปี พ.ศ. เช่น 1/11/2569"]
    assert errors[0] in response.content.decode()
    response = client.get(
        reverse("desk:stats-csv", args=["daily"]), {"start": start, "end": "1/12/2569"}
    )
    assert response.status_code == 400
    assert "วันที่ไม่ถูกต้อง" in response.content.decode()


@pytest.mark.django_db
def test_be_dates_accept_thai_digits_and_month_names(client, reads):
    response = admin_client(client).get(
        reverse("desk:stats"), {"start": "๑/๑๑/๒๕๖๙", "end": "30 พ.ย. 2569"}
    )
    assert response.context["total"] == 59


@pytest.mark.django_db
def test_end_before_start_is_refused(client):
    response = admin_client(client).get(
        reverse("desk:stats"), {"start": "30/11/2569", "end": "1/11/2569"}
    )
    assert response.context["form"].errors["end"] == ["วันสิ้นสุดต้องไม่ก่อนวันเริ่มต้น"]


def test_agencies_exist(db):
    assert Agency.objects.filter(slug__in=["pr-phayao", "pr-lampang"]).count() == 2


@pytest.mark.django_db
def test_a_period_over_a_year_offers_days_as_csv_only(client, reads):
    client = admin_client(client)
    period = {"start": "1/1/2568", "end": "31/12/2569"}
    response = client.get(reverse("desk:stats"), period)
    assert "daily" not in response.context["tables"]
    assert response.context["total"] == 1066
    response = client.get(reverse("desk:stats-csv", args=["daily"]), period)
    rows = read_csv(response)
    assert len(rows) == 1 + 365 + 365  # a header, the days of 2568 and 2569
    assert sum(int(row[1]) for row in rows[1:]) == 1066
