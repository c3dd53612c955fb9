"""The history of the news (ArticleEvent) as the audit view filters it: by
agency, user, action and period, newest first."""

from django.db.models import QuerySet

from articles.models import ArticleEvent
from articles.period import Period


def audit_events(
    *,
    agencies=None,
    user=None,
    action: str = "",
    period: Period | None = None,
) -> QuerySet:
    """Events of the articles of `agencies` (None: every agency), by `user`,
    of `action`, within `period` (Bangkok days); any of them may be left out."""
    events = ArticleEvent.objects.select_related("article__agency", "user").only(
        "at",
        "action",
        "detail",
        "article__id",
        "article__title",
        "article__agency__short_name",
        "user__username",
        "user__first_name",
        "user__last_name",
    )
    if agencies is not None:
        events = events.filter(article__agency__in=[a.pk for a in agencies])
    if user is not None:
        events = events.filter(user=user)
    if action:
        events = events.filter(action=action)
    if period is not None:
        events = events.filter(at__gte=period.start_at, at__lt=period.end_before)
    return events.order_by("-at", "-id")
