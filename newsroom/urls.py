from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from articles.views.site import favicon, robots_txt

admin.site.site_header = "Newsroom: ผู้ดูแลระบบ"
admin.site.site_title = "Newsroom"
admin.site.index_title = "การจัดการเว็บไซต์ข่าว"

urlpatterns = [
    path("", include("articles.urls")),
    path("", include("articles.discovery_urls")),
    path("desk/", include("articles.desk_urls")),
    path("accounts/", include("accounts.urls")),
    path("admin/", admin.site.urls),
    path("robots.txt", robots_txt, name="robots"),
    path("favicon.ico", favicon, name="favicon"),
]

handler500 = "articles.views.errors.server_error"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
