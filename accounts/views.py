"""Account views of our own: the password-reset request, counted per address
and per client; the second sign-in step, set up an authenticator app, then type
its code."""

from base64 import b32encode
from urllib.parse import urlencode

from axes.handlers.proxy import AxesProxyHandler
from django import forms
from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.client_ip import client_ip
from accounts.password_reset import reset_allowed
from accounts.qr import qr_svg
from accounts.services import totp_device_confirm, totp_device_pending


class PasswordResetView(auth_views.PasswordResetView):
    def form_valid(self, form):
        form.deliver = reset_allowed(
            email=form.cleaned_data["email"], client=client_ip(self.request)
        )
        return super().form_valid(form)


WRONG_CODE = "รหัสไม่ถูกต้องหรือหมดอายุแล้ว โปรดลองรหัสล่าสุดจากแอปอีกครั้ง"
# django-otp refuses every code for a while (1 s, doubling) after a wrong one.
WAIT = "รหัสไม่ถูกต้อง หรือกรอกเร็วเกินไปหลังรหัสที่ผิด โปรดรอสองสามวินาทีแล้วลองใหม่"


class CodeForm(forms.Form):
    token = forms.CharField(
        label="รหัสยืนยัน",
        max_length=16,
        help_text="รหัส 6 หลักจากแอปยืนยันตัวตน หรือรหัสกู้คืนที่ยังไม่เคยใช้",
        error_messages={"required": "กรุณากรอกรหัสยืนยัน"},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}
        ),
    )

    def clean_token(self):
        return "".join(self.cleaned_data["token"].split())


def _next(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return settings.LOGIN_REDIRECT_URL


def _locked_out(request):
    logout(request)
    return render(request, settings.AXES_LOCKOUT_TEMPLATE, status=429)


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_verify(request):
    """The code after the password. A wrong code counts as a failed login for
    axes (same username and address), so the lockout covers both steps."""
    user = request.user
    if user.is_verified():
        return redirect(_next(request))
    credentials = {"username": user.get_username()}
    if not AxesProxyHandler.is_allowed(request, credentials):
        return _locked_out(request)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        throttled = _throttled(user)  # before: a wrong code throttles anew
        device = match_token(user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            return redirect(_next(request))
        user_login_failed.send(
            sender=__name__, credentials=credentials, request=request
        )
        if not AxesProxyHandler.is_allowed(request, credentials):
            return _locked_out(request)
        form.add_error("token", WAIT if throttled else WRONG_CODE)
    return render(
        request,
        "accounts/two_factor_verify.html",
        {"form": form, "next": _next(request)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_setup(request):
    """Show a new authenticator secret (as a QR code and as text); a code typed
    back from the app confirms it and shows the recovery codes once. Someone
    who already has a device proves it first (two_factor_verify)."""
    user = request.user
    if not user.is_verified() and user_has_device(user):
        verify = reverse("accounts:two_factor_verify")
        return redirect(f"{verify}?{urlencode({'next': request.path})}")
    device = totp_device_pending(user=user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = totp_device_confirm(
            user=user, device=device, token=form.cleaned_data["token"]
        )
        if codes is not None:
            otp_login(request, device)
            return render(
                request,
                "accounts/two_factor_codes.html",
                {"codes": codes, "next": _next(request)},
            )
        form.add_error("token", WRONG_CODE)
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "qr": qr_svg(device.config_url),
            "secret": _spaced(device.bin_key),
            "next": _next(request),
            "must": user.is_superuser,
        },
    )


def _throttled(user) -> bool:
    """True when the user's authenticator device refuses codes for now."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device is not None and not device.verify_is_allowed()[0]


def _spaced(key: bytes) -> str:
    """The secret in base32, in groups of four, for typing into the app."""
    text = b32encode(key).decode()
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))
