"""Passkeys as the second step (django-otp-webauthn), end to end in Chromium with a virtual
authenticator (the DevTools WebAuthn domain stands in for a phone's fingerprint reader)."""

import time

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential
from playwright.sync_api import expect

from tests.conftest import PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def authenticator(page):
    """A platform authenticator that says yes without a person touching it."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    return cdp


def sign_in_with_password(page, base, username):
    page.goto(f"{base}/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Enter your sign-in code")).to_be_visible()


def test_a_passkey_added_after_the_app_gives_the_second_step(
    live_server, editor, page, authenticator, settings, screenshot
):
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [live_server.url]
    settings.CLINIC_TWO_FACTOR_REQUIRED_FOR_SUPERUSERS = True
    base = live_server.url
    device = TOTPDevice.objects.create(user=editor, name="Authenticator app", confirmed=True)

    sign_in_with_password(page, base, editor.username)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    page.get_by_label("Code").fill(f"{totp.token():06d}")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Your drafts")).to_be_visible()

    page.goto(f"{base}/admin/two-factor/")
    page.get_by_role("button", name="Add a passkey").click()
    expect(page.get_by_text("You have 1 passkey.")).to_be_visible()
    assert WebAuthnCredential.objects.filter(user=editor, confirmed=True).count() == 1

    page.context.clear_cookies()
    sign_in_with_password(page, base, editor.username)
    screenshot("two-factor-verify-with-passkey")
    page.get_by_role("button", name="Use a passkey instead").click()
    expect(page.get_by_role("heading", name="Your drafts")).to_be_visible()


def test_a_password_alone_cannot_register_a_passkey(live_server, editor, page, settings):
    """The registration endpoint refuses a session that has not given the second step yet."""
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [live_server.url]
    TOTPDevice.objects.create(user=editor, name="Authenticator app", confirmed=True)
    sign_in_with_password(page, live_server.url, editor.username)
    token = page.locator("input[name=csrfmiddlewaretoken]").first.get_attribute("value")
    response = page.request.post(
        f"{live_server.url}/admin/two-factor/passkeys/registration/begin/",
        headers={"X-CSRFToken": token},
    )
    assert response.status == 403, response.text()
    assert not WebAuthnCredential.objects.filter(user=editor).exists()
