"""Two-step sign-in for the admin: a password, then a code from an authenticator app.

django-otp holds the devices: a TOTP device (the app, set up by scanning a QR code) and a static
device (ten single-use recovery codes), and passkeys (django-otp-webauthn: a fingerprint or
face on the phone or laptop, a security key) as another way to give the second step. Signing in is Wagtail's own login form, unchanged;
AdminTwoFactorMiddleware then keeps a signed-in user out of the admin until the session has been
verified with a code (``/admin/two-factor/verify/``), whichever login form she used (the admin's
or the one for restricted pages, /_util/login/). Superusers must set up the app
(CLINIC_TWO_FACTOR_REQUIRED_FOR_SUPERUSERS, off in dev settings); editors may, under Account.
A lost phone: ``manage.py reset_2fa <username>``.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

RECOVERY_CODE_COUNT = 10
APP_DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"


def has_passkey(user):
    return (
        user.is_authenticated
        and WebAuthnCredential.objects.devices_for_user(user, confirmed=True).exists()
    )


def has_second_factor(user):
    """Whether the user has a confirmed authenticator app or passkey (recovery codes alone do
    not count: they are the way back in, not a second factor to keep using)."""
    return user.is_authenticated and (
        TOTPDevice.objects.devices_for_user(user, confirmed=True).exists() or has_passkey(user)
    )


def passkey_domain(request):
    """OTP_WEBAUTHN_RP_ID_CALLABLE: the host name the admin was opened at, without the port.
    A passkey made at harvestmoonmassage.com then works there and only there."""
    return request.get_host().rsplit(":", 1)[0].strip("[]").lower()


def second_factor_required(user):
    return bool(
        user.is_authenticated
        and user.is_superuser
        and getattr(settings, "CLINIC_TWO_FACTOR_REQUIRED_FOR_SUPERUSERS", True)
    )


def new_recovery_codes(user):
    """Replace the user's recovery codes with a fresh set and return them (shown once)."""
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def remaining_recovery_codes(user):
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def remove_devices(user):
    """Every second factor of the user (app, recovery codes), e.g. after a lost phone.
    Returns how many devices were removed."""
    removed = 0
    for device in list(devices_for_user(user, confirmed=None)):
        device.delete()
        removed += 1
    return removed


def _admin_prefix():
    return reverse("wagtailadmin_home")


def _exempt_paths():
    return (
        reverse("wagtailadmin_login"),
        reverse("wagtailadmin_logout"),
        reverse("wagtailadmin_password_reset"),
        # The admin's translations script and icon sprite, which the code page itself loads
        # (the sprite is fetched and inserted into the page: a redirect would insert a form).
        reverse("wagtailadmin_javascript_catalog"),
        reverse("wagtailadmin_sprite"),
        reverse("two_factor_verify"),
        reverse("two_factor_setup"),
        # The reset link in the email: /admin/password_reset/confirm/<uid>/<token>/.
        _admin_prefix() + "password_reset/",
    )


class AdminTwoFactorMiddleware:
    """After OTPMiddleware: an admin request from a signed-in but unverified session goes to the
    code page (or, for a superuser without an app yet, to the set-up page) and comes back after."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        redirect_to = self.redirect_for(request)
        if redirect_to is not None:
            return redirect_to
        return self.get_response(request)

    @staticmethod
    def redirect_for(request):
        path = request.path
        if not path.startswith(_admin_prefix()) or path.startswith(_exempt_paths()):
            return None
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or user.is_verified():
            return None
        if has_second_factor(user):
            target = "two_factor_verify"
        elif second_factor_required(user):
            target = "two_factor_setup"
        else:
            return None
        return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
