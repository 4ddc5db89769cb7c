"""The pages of two-step sign-in (core/two_factor.py): the code after the password, setting up an
authenticator app with a QR code, recovery codes, and turning it off. Mounted at
/admin/two-factor/ by clinic/urls.py, ahead of Wagtail's admin (whose access check would send an
unverified session round in circles)."""

import math
from base64 import b32encode
from urllib.parse import urlencode

import segno
from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import DEVICE_ID_SESSION_KEY, devices_for_user
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from .two_factor import (
    APP_DEVICE_NAME,
    has_passkey,
    has_second_factor,
    new_recovery_codes,
    remaining_recovery_codes,
    remove_devices,
    second_factor_required,
)

WRONG_CODE = (
    "That code did not work. The code in your app changes every 30 seconds: type the one it "
    "shows now. After several wrong codes you have to wait a little before trying again."
)


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=32,
        help_text="The 6-digit code from your authenticator app, or one of your recovery codes.",
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}
        ),
    )

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split()).lower()


def _seconds_to_wait(devices):
    """How long django-otp's throttle (the wait doubles with each wrong code in a row) still
    refuses codes for, or None."""
    waits = []
    for device in devices:
        allowed, info = device.verify_is_allowed()
        if not allowed and info and info.get("locked_until"):
            waits.append((info["locked_until"] - timezone.now()).total_seconds())
    return max(1, math.ceil(min(waits))) if waits else None


def _wrong_code_message(wait):
    if wait is None:
        return WRONG_CODE
    return (
        f"Too many wrong codes in a row. Please wait {wait} second{'s' if wait != 1 else ''}, "
        "then type the code your app shows at that moment."
    )


def _next_url(request):
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("wagtailadmin_home")


def _to_login(request):
    return redirect_to_login(request.get_full_path(), reverse("wagtailadmin_login"))


@never_cache
def verify(request):
    user = request.user
    if not user.is_authenticated:
        return _to_login(request)
    next_url = _next_url(request)
    if user.is_verified():
        return redirect(next_url)
    if not has_second_factor(user):
        return redirect(f"{reverse('two_factor_setup')}?{urlencode({'next': next_url})}")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        with transaction.atomic():
            # The app's 6 digits go to the app, anything else to the recovery codes: a recovery
            # code must not count as a wrong app code (which would pause the app's codes).
            kind = TOTPDevice if len(code) == 6 and code.isdigit() else StaticDevice
            candidates = [
                candidate
                for candidate in devices_for_user(user, for_verify=True)
                if isinstance(candidate, kind)
            ]
            wait = _seconds_to_wait(candidates)
            device = next((c for c in candidates if c.verify_token(code)), None)
        if device is not None:
            otp_login(request, device)
            if isinstance(device, StaticDevice):
                left = remaining_recovery_codes(user)
                messages.warning(
                    request,
                    f"You signed in with a recovery code; {left} left. If your phone is lost, "
                    "set up the app again under Account → Two-step sign-in.",
                )
            return redirect(next_url)
        form.add_error("code", _wrong_code_message(wait))
    return render(
        request,
        "two_factor/verify.html",
        {"form": form, "next": next_url, "has_passkey": has_passkey(user)},
    )


def _qr_svg(device):
    qr = segno.make(device.config_url, error="m")
    svg = qr.svg_inline(scale=5, border=4, dark="#1d1d1b", light="#ffffff", omitsize=True)
    return mark_safe(svg)  # noqa: S308 - drawn by segno from our own data


def _grouped_secret(device):
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@never_cache
def setup(request):
    user = request.user
    if not user.is_authenticated:
        return _to_login(request)
    next_url = _next_url(request)
    if has_second_factor(user):
        if not user.is_verified():
            # A password alone must never be enough to add another phone.
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('two_factor_verify')}?{query}")
        return render(
            request,
            "two_factor/manage.html",
            {
                "remaining": remaining_recovery_codes(user),
                "passkeys": WebAuthnCredential.objects.filter(user=user, confirmed=True).count(),
                "can_remove": not second_factor_required(user),
                "next": next_url,
            },
        )
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        wait = _seconds_to_wait([device])
        if device.verify_token(form.cleaned_data["code"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            codes = new_recovery_codes(user)
            otp_login(request, device)
            return render(
                request, "two_factor/recovery_codes.html", {"codes": codes, "next": next_url}
            )
        form.add_error("code", _wrong_code_message(wait))
    return render(
        request,
        "two_factor/setup.html",
        {
            "form": form,
            "qr_svg": _qr_svg(device),
            "secret": _grouped_secret(device),
            "required": second_factor_required(user),
            "next": next_url,
        },
    )


def _verified_or_redirect(request):
    user = request.user
    if not user.is_authenticated:
        return _to_login(request)
    if not user.is_verified():
        return redirect(reverse("two_factor_verify"))
    return None


@never_cache
@require_POST
def recovery_codes(request):
    refused = _verified_or_redirect(request)
    if refused is not None:
        return refused
    codes = new_recovery_codes(request.user)
    return render(
        request, "two_factor/recovery_codes.html", {"codes": codes, "next": _next_url(request)}
    )


@never_cache
@require_POST
def remove(request):
    refused = _verified_or_redirect(request)
    if refused is not None:
        return refused
    if second_factor_required(request.user):
        messages.error(request, "Administrators must keep two-step sign-in switched on.")
        return redirect(reverse("two_factor_setup"))
    remove_devices(request.user)
    request.session.pop(DEVICE_ID_SESSION_KEY, None)
    messages.success(request, "Two-step sign-in is off. You can switch it on again any time.")
    return redirect(reverse("wagtailadmin_account"))


urlpatterns = [
    path("verify/", verify, name="two_factor_verify"),
    path("", setup, name="two_factor_setup"),
    path("recovery-codes/", recovery_codes, name="two_factor_recovery_codes"),
    path("remove/", remove, name="two_factor_remove"),
]
