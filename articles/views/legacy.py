"""Addresses of the legacy site, kept working."""

import re

from django.http import Http404, HttpResponsePermanentRedirect

from articles.models import Article

# ASCII digits only: \d would also take Thai and other scripts' digits.
LEGACY_ID = re.compile(r"[0-9]{1,20}")


def legacy_article_redirect(request):
    """/ct/news/viewnews.php?ID=180614143702 → 301 to /news/<id>/."""
    legacy_id = request.GET.get("ID", "").strip()
    if not LEGACY_ID.fullmatch(legacy_id):
        raise Http404("ไม่พบข่าว")
    article = Article.objects.published().filter(legacy_id=legacy_id).only("pk").first()
    if article is None:
        raise Http404("ไม่พบข่าว")
    return HttpResponsePermanentRedirect(article.get_absolute_url())
