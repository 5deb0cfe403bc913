"""Two-factor admin login (TOTP, RFC 6238) over django-otp: who must use it, and enrolling a device.

Anyone may enrol an authenticator app; once a user has a confirmed device, the login form asks for
its code. Where settings require it (production: cluster administrators and superusers), a user
without a verified session reaches no admin page but the enrolment page.
"""

from base64 import b32encode

from django.conf import settings
from django_otp.plugins.otp_totp.models import TOTPDevice

DEVICE_NAME = "验证器应用"


def must_use_two_factor(user) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser and settings.TWO_FACTOR_REQUIRED_FOR_SUPERUSERS:
        return True
    required = settings.TWO_FACTOR_REQUIRED_GROUPS
    return bool(required) and user.groups.filter(name__in=required).exists()


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def pending_device(user) -> TOTPDevice:
    """The unconfirmed device being enrolled, kept between showing its key and checking the first code."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def base32_secret(device: TOTPDevice) -> str:
    """The key as authenticator apps take it when typed in by hand."""
    return b32encode(device.bin_key).decode()


def verify(device: TOTPDevice, token: str) -> bool:
    """Whether `token` is the device's current code; refused while throttled after failures."""
    allowed, _ = device.verify_is_allowed()
    return bool(allowed) and device.verify_token(token.strip())


def confirm(device: TOTPDevice) -> None:
    """The device is the user's from now on; earlier ones (a lost phone's) stop working."""
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
