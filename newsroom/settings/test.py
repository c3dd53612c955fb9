"""Settings for the test suite: fast hashing, isolated media, no real e-mail."""

import os
import tempfile
from pathlib import Path

from newsroom.settings.base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Mail is in the outbox when the response is (one test turns this back on).
PASSWORD_RESET_MAIL_IN_BACKGROUND = False
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="newsroom-test-media-"))
STATIC_ROOT = Path(tempfile.mkdtemp(prefix="newsroom-test-static-"))
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Tests that use Redis start their own and flush reads themselves
# (tests/articles/redis_server.py).
REDIS_URL = ""
READS_FLUSH_SECONDS = 0
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Pages are cached only where a test asks for it: with its own Redis, or its
# own PAGE_CACHE_DIR (tests/articles/test_local_pages.py).
PAGE_CACHE_DIR = ""
PAGE_GENERATION_SECONDS = 1.0

# Several suites may run at once against one PostgreSQL server (developers, CI):
# give each run its own test database instead of dropping another run's.
if DATABASES["default"]["ENGINE"].endswith("postgresql"):  # noqa: F405
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": f"test_{DATABASES['default']['NAME']}_{os.getpid()}"  # noqa: F405
    }
