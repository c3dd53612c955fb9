"""Who may do what on the desk, in one place.

A membership of an agency carries a role. A reporter writes for the agency,
edits their own articles until an editor takes them over (published or
unpublished), and submits them for review. An editor does all of that for any
of the agency's articles, and approves, returns, publishes, schedules,
unpublishes and corrects. A superuser is an editor of every agency. Services
call the `require_*` checks (PermissionDenied is a 403); views use the same
functions to scope lists and choose which buttons to show.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q

from accounts.models import Membership
from articles.models import Agency, Article

# States in which a reporter may still change their own article.
REPORTER_EDITABLE = (
    Article.Status.DRAFT,
    Article.Status.SUBMITTED,
    Article.Status.RETURNED,
)
NOT_A_MEMBER = "ไม่มีสิทธิ์จัดการข่าวของหน่วยงานนี้"
NOT_AN_EDITOR = "เฉพาะบรรณาธิการของหน่วยงานนี้เท่านั้นที่ทำรายการนี้ได้"
NOT_YOURS = "ผู้สื่อข่าวแก้ไขได้เฉพาะข่าวของตนที่ยังไม่เผยแพร่"


def is_member(user, agency_id) -> bool:
    if user.is_superuser:
        return True
    return Membership.objects.filter(user=user, agency_id=agency_id).exists()


def is_editor(user, agency_id) -> bool:
    if user.is_superuser:
        return True
    return Membership.objects.filter(
        user=user, agency_id=agency_id, role=Membership.Role.EDITOR
    ).exists()


def member_agencies(user):
    """The agencies `user` writes for."""
    if user.is_superuser:
        return Agency.objects.filter(is_active=True)
    return Agency.objects.filter(memberships__user=user)


def editing_agencies(user):
    """The agencies `user` is an editor of."""
    if user.is_superuser:
        return Agency.objects.filter(is_active=True)
    return Agency.objects.filter(
        memberships__user=user, memberships__role=Membership.Role.EDITOR
    )


def visible_articles(user):
    """What the desk shows `user`: every article of the agencies they edit, and
    their own articles of the agencies they report for."""
    if user.is_superuser:
        return Article.objects.all()
    return Article.objects.filter(
        Q(agency__in=editing_agencies(user))
        | Q(agency__in=member_agencies(user), reporter=user)
    )


def can_change(user, article) -> bool:
    """May `user` save this article's text?"""
    if is_editor(user, article.agency_id):
        return True
    return (
        article.reporter_id == user.pk
        and article.status in REPORTER_EDITABLE
        and is_member(user, article.agency_id)
    )


def require_member(user, agency_id) -> None:
    if user is not None and not is_member(user, agency_id):
        raise PermissionDenied(NOT_A_MEMBER)


def require_editor(user, agency_id) -> None:
    """None is the system (seed_demo, the importer): it may do anything."""
    if user is not None and not is_editor(user, agency_id):
        raise PermissionDenied(NOT_AN_EDITOR)


def require_change(user, article) -> None:
    if user is not None and not can_change(user, article):
        raise PermissionDenied(NOT_YOURS)
