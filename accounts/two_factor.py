"""The second sign-in step. The login box comes first (password, with axes'
lockout); then, for anyone who has an authenticator device, a code from it or a
recovery code. Site admins must have a device: without one they are sent to set
one up before /admin/ or the desk opens. Editors may add one.

TwoFactorMiddleware, after django-otp's OTPMiddleware, guards the places that
need a verified session; the views are accounts.views.
"""

from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse
from django_otp import user_has_device

# The parts of the site an unverified session may not enter.
GUARDED = ("/admin/", "/desk/", "/accounts/password/change/")


def needs_verification(user) -> bool:
    return user.is_authenticated and not user.is_verified() and user_has_device(user)


def needs_device(user) -> bool:
    return user.is_authenticated and user.is_superuser and not user_has_device(user)


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(GUARDED):
            user = request.user
            target = None
            if needs_verification(user):
                target = "accounts:two_factor_verify"
            elif needs_device(user):
                target = "accounts:two_factor_setup"
            if target:
                query = urlencode({"next": request.get_full_path()})
                return redirect(f"{reverse(target)}?{query}")
        return self.get_response(request)
