"""The revisions of an article: the list, a word diff between any two, and
restoring one as a new revision."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts.permissions import can_change, require_change
from articles.diff import revisions_diff
from articles.services.articles import EditConflict
from articles.services.revisions import article_revision_restore
from articles.views.desk.edit import article_or_404


def _number(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@login_required
def revision_list(request, pk):
    article = article_or_404(request, pk)
    revisions = list(article.revisions.select_related("user"))
    by_number = {revision.number: revision for revision in revisions}
    newer = by_number.get(_number(request.GET.get("b")))
    older = by_number.get(_number(request.GET.get("a")))
    if newer is None and revisions:
        newer = revisions[0]
    if older is None and len(revisions) > 1:
        older = revisions[1]
    if older and newer and older.number > newer.number:
        older, newer = newer, older
    context = {
        "article": article,
        "revisions": revisions,
        "older": older,
        "newer": newer,
        "diff": revisions_diff(older, newer) if older and newer else None,
        "can_change": can_change(request.user, article),
    }
    return render(request, "desk/revisions.html", context)


@require_POST
@login_required
def revision_restore(request, pk, number):
    article = article_or_404(request, pk)
    require_change(request.user, article)
    revision = get_object_or_404(article.revisions, number=number)
    try:
        article_revision_restore(
            article=article,
            revision=revision,
            user=request.user,
            version=_number(request.POST.get("version")) or 0,
        )
    except EditConflict as conflict:
        messages.error(request, conflict.message)
        return redirect("desk:revisions", pk=article.pk)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("desk:revisions", pk=article.pk)
    messages.success(request, f"คืนเนื้อหาจากฉบับที่ {number} เป็นฉบับใหม่แล้ว")
    return redirect("desk:edit", pk=article.pk)
