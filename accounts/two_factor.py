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


def is_verified(user) -> bool:
    # OTPMiddleware gives request.user is_verified(); the user that login()
    # has just put there instead has none, and a new login is not verified.
    check = getattr(user, "is_verified", None)
    return bool(check and check())


def needs_verification(user) -> bool:
    return user.is_authenticated and not is_verified(user) and user_has_device(user)


def needs_device(user) -> bool:
    return user.is_authenticated and user.is_superuser and not user_has_device(user)


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(GUARDED):
            target = _second_step(request.user)
            if target:
                return _send_to(target, request.get_full_path())
        response = self.get_response(request)
        # Right after the password, the code: even when the login box on a
        # public page asked to go back there.
        if (
            request.method == "POST"
            and response.status_code == 302
            and request.path == reverse("accounts:login")
        ):
            target = _second_step(request.user)
            if target:
                return _send_to(target, response["Location"])
        return response


def _second_step(user):
    """The page the user must pass first, or None."""
    if needs_verification(user):
        return "accounts:two_factor_verify"
    if needs_device(user):
        return "accounts:two_factor_setup"
    return None


def _send_to(target, next_url):
    return redirect(f"{reverse(target)}?{urlencode({'next': next_url})}")
