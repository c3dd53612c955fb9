"""Search, feeds and the sitemap."""

app_name = "discovery"

urlpatterns: list = []
