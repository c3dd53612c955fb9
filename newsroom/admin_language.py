"""The admin in Thai, whatever language the browser asks for.

LocaleMiddleware picks a language per request from Accept-Language; the admin's
users are Thai staff on shared office machines that may be set to English, and
the dates they check are Buddhist-Era in the list columns (articles/admin.py).
"""

from django.conf import settings
from django.utils import translation

ADMIN_PREFIX = "/admin/"


class AdminThaiMiddleware:
    """After LocaleMiddleware: activate Thai for every /admin/ request."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefix = getattr(settings, "ADMIN_PATH_PREFIX", ADMIN_PREFIX)

    def __call__(self, request):
        if request.path.startswith(self.prefix):
            translation.activate("th")
            request.LANGUAGE_CODE = "th"
        return self.get_response(request)
