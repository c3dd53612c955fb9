"""The login form's protection against cross-site requests, without a token.

Public pages carry the Editor Login box, and they are cached: the same bytes for
every visitor, so they cannot carry a per-visitor CSRF token (nor set its
cookie). A browser says where a POST comes from: Origin on every POST, and
Sec-Fetch-Site in current browsers. The login POST is accepted from this site's
own pages (or CSRF_TRUSTED_ORIGINS) and refused from any other, as OWASP's CSRF
guidance allows. A client that sends neither header (not a browser, so not a
victim of cross-site requests) is checked by Django's token as before. Every
other form keeps Django's token.
"""

import functools

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.core.exceptions import PermissionDenied
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.debug import sensitive_post_parameters


def same_origin(request):
    """True or False when the browser said where the request comes from,
    None when it did not."""
    origin = request.headers.get("Origin")
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if origin is not None and origin != "null":
        own = f"{request.scheme}://{request.get_host()}"
        if origin == own or origin in settings.CSRF_TRUSTED_ORIGINS:
            return True
        return False
    if fetch_site is not None:
        return fetch_site == "same-origin"
    return None


def origin_checked(view):
    """The view, its POSTs checked by origin (or, without the headers, token)."""
    with_token = csrf_protect(view)

    @functools.wraps(view)
    def checked(request, *args, **kwargs):
        if request.method != "POST":
            return with_token(request, *args, **kwargs)
        verdict = same_origin(request)
        if verdict is None:
            return with_token(request, *args, **kwargs)
        if not verdict:
            raise PermissionDenied("คำขอนี้ไม่ได้มาจากหน้าเว็บของเว็บไซต์นี้")
        return view(request, *args, **kwargs)

    return csrf_exempt(checked)


@method_decorator(origin_checked, name="dispatch")
class LoginView(auth_views.LoginView):
    """Django's LoginView, its POST checked by origin_checked instead of the
    token alone (Django's own dispatch insists on the token)."""

    @method_decorator(sensitive_post_parameters())
    @method_decorator(never_cache)
    def dispatch(self, request, *args, **kwargs):
        # LoginView.dispatch's other work is redirect_authenticated_user (off).
        return super(auth_views.LoginView, self).dispatch(request, *args, **kwargs)
