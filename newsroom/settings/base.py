"""Settings shared by every environment, read from the environment.

Variables use a DJANGO_ prefix, except the conventional DATABASE_URL and REDIS_URL.
"""

import os
from pathlib import Path

import dj_database_url

# pythainlp must never reach for the network: without this a missing corpus
# silently yields empty segmentations. Set before anything imports pythainlp.
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item]


SECRET_KEY = os.environ.get(
    "DJANGO_SECRET_KEY", "dev-only-insecure-key-never-use-in-production"
)
DEBUG = env_bool("DJANGO_DEBUG", True)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "ckeditor",
    "ckeditor_uploader",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "accounts",
    "articles",
]

MIDDLEWARE = [
    # Outside the page cache, which stores pages uncompressed
    # (newsroom/compression.py).
    "newsroom.compression.PublicPagesGZipMiddleware",
    # Then: caches public pages with the headers everything below adds; the
    # WSGI application serves them from there (articles/pagecache/).
    "articles.pagecache.render.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "newsroom.security.ContentSecurityPolicyMiddleware",
    "newsroom.security.PrivatePagesNoStoreMiddleware",
    # Before anything reads a body: refuses one over its limit unread.
    "newsroom.body_limit.RequestBodyLimitMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "newsroom.admin_language.AdminThaiMiddleware",  # after LocaleMiddleware
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The second sign-in step: is_verified(), then the admin and desk need it.
    "django_otp.middleware.OTPMiddleware",
    "accounts.two_factor.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks, so it sees the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "articles.context_processors.newsroom",
                "articles.navigation.context",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=60
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
# Every Redis call waits this long at most: a slow Redis is a Redis that is down,
# and the page comes from the database (articles/pagecache/link.py).
PAGE_CACHE_REDIS_TIMEOUT = float(os.environ.get("DJANGO_REDIS_TIMEOUT", "0.05"))
if REDIS_URL:
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    CACHES = {
        "default": {
            "BACKEND": "newsroom.cache.SoftRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "newsroom",
            "OPTIONS": {
                "socket_timeout": PAGE_CACHE_REDIS_TIMEOUT,
                "socket_connect_timeout": PAGE_CACHE_REDIS_TIMEOUT,
                "max_connections": 8,
                "retry": Retry(NoBackoff(), 0),
            },
        }
    }
else:
    # One host without Redis: a cache every worker process on it shares (a
    # per-process one would show each worker its own stale copy).
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get(
                "DJANGO_CACHE_DIR", str(BASE_DIR / "var" / "cache")
            ),
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }
# Without Redis the cached public pages are files in this directory, shared by
# the host's workers (articles/pagecache/local.py); empty: nothing is cached.
PAGE_CACHE_DIR = (
    ""
    if REDIS_URL
    else os.environ.get("DJANGO_PAGE_CACHE_DIR", str(BASE_DIR / "var" / "pages"))
)
# How long a thread may use the page generation it read (pagecache/invalidation):
# with Redis a second; on one host without it, not at all (one indexed SELECT a
# request), so every worker's next request shows a change made in any process.
PAGE_GENERATION_SECONDS = 1.0 if REDIS_URL else 0.0

# With Redis, public pages are cached there and reads are buffered there, then
# written to the database every READS_FLUSH_SECONDS by each worker
# (articles/reads/). Without it pages are rendered and reads written each time.
READS_FLUSH_SECONDS = float(os.environ.get("DJANGO_READS_FLUSH_SECONDS", "2"))

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
_VALIDATORS = "django.contrib.auth.password_validation"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"{_VALIDATORS}.{name}"}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "desk:index"
LOGOUT_REDIRECT_URL = "articles:home"
OTP_TOTP_ISSUER = "Newsroom ปชส.เขต 3"

# Lockout: five failures lock the username-and-address pair for 15 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# How many reverse proxies of our own stand in front of gunicorn; the client's
# address is read from their X-Forwarded-For (accounts/client_ip.py). 0: the
# header is ignored and REMOTE_ADDR is the client.
TRUSTED_PROXY_COUNT = int(os.environ.get("DJANGO_TRUSTED_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "accounts.client_ip.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False

LANGUAGE_CODE = "th"
LANGUAGES = [("th", "ไทย"), ("en", "English")]
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
# CKEditor's sample and test pages are never collected nor served.
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "newsroom.staticfiles.AppDirectoriesFinder",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Media must sit on storage every web host sees (a shared volume or NFS).
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
# The only sites a page may show in a frame (the Content-Security-Policy's
# frame-src, newsroom/security.py): the video embeds of articles/video.py.
CSP_FRAME_SRC = ["https://www.youtube-nocookie.com", "https://www.facebook.com"]
# Bodies over 1 MB (12 MB under /desk/ and /admin/) are refused unread
# (newsroom/body_limit.py). Form fields, not files, may hold 4 MB: an article's
# text is a few KB. Uploads over 2.5 MB are spooled to disk, not held in memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 4 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 400
DATA_UPLOAD_MAX_NUMBER_FILES = 10

EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "newsroom@localhost")
# Reset mail leaves from a background thread: the answer is the same, in the
# same time, for a known and an unknown address (accounts/password_reset.py).
PASSWORD_RESET_MAIL_IN_BACKGROUND = True

# The absolute address used in share links, feeds and Open Graph tags when a
# request is not at hand; normally built from the request.
ENVIRONMENT = os.environ.get("DJANGO_ENVIRONMENT", "development")

SITE_URL = os.environ.get("DJANGO_SITE_URL", "")

# The site's own identity, shown in the header and footer (PRODUCT.md).
NEWSROOM = {
    "BANNER": "ข่าวภาคเหนือตอนบน สำนักประชาสัมพันธ์เขต 3",
    "SITE_NAME": "สำนักประชาสัมพันธ์เขต 3",
    "FOOTER_OPERATOR": "จัดทำและบริหารระบบ โดย ศูนย์เทคโนโลยีสารสนเทศและการสื่อสาร",
    "FOOTER_OFFICE": "สำนักประชาสัมพันธ์เขต 3 จังหวัดเชียงใหม่",
    "FOOTER_ADDRESS": "49 ถนนประชาสัมพันธ์ ตำบลช้างคลาน อำเภอเมือง เชียงใหม่ 50100",
    "FOOTER_PHONE": "0-5328-3734",
    "FOOTER_FAX": "0-5328-3738",
    # The office emblem (a static path): SVG in the header, PNG in structured data.
    "LOGO": os.environ.get("DJANGO_NEWSROOM_LOGO", "img/emblem.svg"),
    "LOGO_PNG": os.environ.get("DJANGO_NEWSROOM_LOGO_PNG", "img/emblem.png"),
}

from newsroom.settings.editor import *  # noqa: E402,F403  (rich-text widget in one place)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {
        "handlers": ["console"],
        "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO"),
    },
}
