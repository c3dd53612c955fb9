import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.production")

application = get_wsgi_application()

# Imported once Django is set up: cached public pages are answered in front of it.
from articles.page_server import CachedPageApp  # noqa: E402

application = CachedPageApp(application)

# Everything loaded so far lives as long as the worker: keep it out of the
# garbage collector's full passes, which otherwise pause requests for
# milliseconds at a time.
gc.freeze()
