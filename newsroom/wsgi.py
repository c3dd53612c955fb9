import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.production")

application = get_wsgi_application()

# Imported once Django is set up: cached public pages are answered in front of it
# (articles/pagecache/). Process tuning lives in gunicorn.conf.py.
from articles.pagecache.front import CachedPageApp  # noqa: E402

application = CachedPageApp(application)
