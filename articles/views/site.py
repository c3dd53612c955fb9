"""Files every site has: robots.txt and the favicon."""

from django.http import HttpResponse
from django.templatetags.static import static
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from django.views.generic import RedirectView


@require_GET
@cache_control(max_age=3600, public=True)
def robots_txt(request):
    sitemap = request.build_absolute_uri("/sitemap.xml")
    lines = [
        "User-agent: *",
        "Disallow: /desk/",
        "Disallow: /admin/",
        "Disallow: /accounts/",
        "Disallow: /ckeditor/",
        "Disallow: /search/",
        f"Sitemap: {sitemap}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def favicon_view():
    return RedirectView.as_view(url=static("img/favicon.ico"), permanent=True)
