"""The audit view, /desk/audit/: who created, edited, published, unpublished
what, and when. Site admins see every agency, editors their own agencies."""

from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponseBadRequest
from django.shortcuts import render
from django.views.decorators.http import require_safe

from articles.csv_export import csv_response
from articles.models import Agency
from articles.period import AuditFilterForm
from articles.services.audit import audit_events
from articles.thai import format_thai_datetime

PAGE_SIZE = 50
CSV_COLUMNS = [
    "เวลา", "การกระทำ", "ผู้ใช้", "ชื่อผู้ใช้", "หัวข้อข่าว", "รหัสข่าว", "หน่วยงาน",
    "รายละเอียด",
]  # fmt: skip


def _form(request):
    user = request.user
    users = get_user_model().objects.order_by("username")
    if user.is_superuser:
        agencies = Agency.objects.all()
    else:
        agencies = user.agencies.all()
        # The people of the editor's agencies, and the editor.
        users = users.filter(Q(agencies__in=agencies) | Q(pk=user.pk)).distinct()
    return AuditFilterForm(request.GET or None, agencies=agencies, users=users)


def _events(request, form):
    """The filtered events, or None when the form is invalid."""
    if form.is_bound and not form.is_valid():
        return None
    data = form.cleaned_data if form.is_bound else {}
    if data.get("agency"):
        scope = [data["agency"]]
    elif request.user.is_superuser:
        scope = None
    else:
        scope = list(request.user.agencies.all())
    return audit_events(
        agencies=scope,
        user=data.get("user"),
        action=data.get("action", ""),
        period=form.chosen_period() if form.is_bound else None,
    )


@login_required
@require_safe
def audit_view(request):
    form = _form(request)
    events = _events(request, form)
    page = None
    if events is not None:
        page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    query = {k: v for k, v in request.GET.items() if k != "page" and v}
    return render(
        request,
        "desk/audit.html",
        {"form": form, "page_obj": page, "query_string": urlencode(query)},
    )


def _user_name(user):
    if user is None:
        return "", ""
    return user.get_full_name() or user.username, user.username


@login_required
@require_safe
def audit_csv(request):
    form = _form(request)
    events = _events(request, form)
    if events is None:
        errors = " ".join(e for errs in form.errors.values() for e in errs)
        return HttpResponseBadRequest(errors, content_type="text/plain; charset=utf-8")
    rows = (
        [
            format_thai_datetime(event.at),
            event.get_action_display(),
            *_user_name(event.user),
            event.article.title,
            event.article.pk,
            event.article.agency.short_name,
            event.detail,
        ]
        for event in events.iterator(chunk_size=2000)
    )
    return csv_response("audit.csv", CSV_COLUMNS, rows)
