"""Writes of the second sign-in step: an authenticator (TOTP) device and its
one-time recovery codes, through django-otp's models."""

from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODES = 10
DEVICE_NAME = "แอปยืนยันตัวตน"
RECOVERY_NAME = "รหัสกู้คืน"


@transaction.atomic
def totp_device_pending(*, user) -> TOTPDevice:
    """The user's unconfirmed authenticator device, made when there is none:
    the secret the setup page shows until a code from it is typed back."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


@transaction.atomic
def totp_device_confirm(*, user, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm `device` with a code from the app; on success replace the user's
    other devices and recovery codes and return the new codes (shown once).
    None when the code is wrong."""
    if device.user_id != user.pk or not device.verify_token(token):
        return None
    device.confirmed = True
    device.save()
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    StaticDevice.objects.filter(user=user).delete()
    recovery = StaticDevice.objects.create(user=user, name=RECOVERY_NAME)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(
        StaticToken(device=recovery, token=code) for code in codes
    )
    return codes
