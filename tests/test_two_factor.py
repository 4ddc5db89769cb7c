"""Two-step sign-in for the admin: password, then a code from an authenticator app; required
for superusers, offered to editors, recovery codes, and `manage.py reset_2fa`."""

import importlib
import re
import time

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.two_factor import new_recovery_codes

from .conftest import PASSWORD


@pytest.fixture
def required(settings):
    settings.CLINIC_TWO_FACTOR_REQUIRED_FOR_SUPERUSERS = True


def code_for(device, offset=0):
    """The code the phone would show, ``offset`` time steps from now (each code works once)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + offset * device.step
    return f"{totp.token():0{device.digits}d}"


def app_for(user):
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)


def wait_out_the_throttle(user):
    """As if she waited: django-otp pauses verification for a while after a wrong code."""
    for model in (TOTPDevice, StaticDevice):
        model.objects.filter(user=user).update(throttling_failure_timestamp=None)


def password_login(client, user, path="/admin/login/"):
    response = client.post(path, {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302, response.content[:500]
    return response


def test_a_superuser_must_set_up_the_app_before_using_the_admin(required, superuser):
    client = Client()
    password_login(client, superuser)
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/two-factor/?next=")

    page = client.get(response["Location"])
    assert page.status_code == 200
    html = page.content.decode()
    assert "<svg" in html  # the QR code, drawn on the server
    device = TOTPDevice.objects.get(user=superuser, confirmed=False)
    secret = re.search(r'class="two-factor-secret">([A-Z2-7 ]+)<', html).group(1)
    from base64 import b32encode

    assert secret.replace(" ", "") == b32encode(device.bin_key).decode()

    wrong = client.post("/admin/two-factor/", {"code": "000000", "next": "/admin/pages/"})
    assert b"That code did not work" in wrong.content
    assert client.get("/admin/pages/").status_code == 302
    wait_out_the_throttle(superuser)

    done = client.post("/admin/two-factor/", {"code": code_for(device), "next": "/admin/pages/"})
    assert done.status_code == 200
    codes = re.findall(r"<li><code>([a-z2-7]+)</code></li>", done.content.decode())
    assert len(codes) == 10
    assert StaticDevice.objects.get(user=superuser).token_set.count() == 10
    assert client.get("/admin/pages/").status_code == 200


def test_signing_in_asks_for_the_code_after_the_password(required, superuser):
    device = app_for(superuser)
    client = Client()
    password_login(client, superuser)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/two-factor/verify/?next=%2Fadmin%2F"
    form = client.get(response["Location"])
    assert b"Enter your sign-in code" in form.content
    assert b'autocomplete="one-time-code"' in form.content

    wrong = client.post("/admin/two-factor/verify/", {"code": "123456", "next": "/admin/"})
    assert wrong.status_code == 200
    assert b"That code did not work" in wrong.content
    assert client.get("/admin/").status_code == 302
    too_soon = client.post("/admin/two-factor/verify/", {"code": code_for(device), "next": "/"})
    assert b"Too many wrong codes in a row. Please wait" in too_soon.content
    wait_out_the_throttle(superuser)

    right = client.post("/admin/two-factor/verify/", {"code": code_for(device), "next": "/admin/"})
    assert right.status_code == 302
    assert right["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_the_code_is_also_required_after_the_restricted_page_login(required, superuser):
    """/_util/login/ signs in the same accounts; it must not be a way round the second step."""
    app_for(superuser)
    client = Client()
    password_login(client, superuser, path="/_util/login/")
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/two-factor/verify/")


def test_a_recovery_code_works_once(required, superuser):
    app_for(superuser)
    codes = new_recovery_codes(superuser)
    first = Client()
    password_login(first, superuser)
    response = first.post(
        "/admin/two-factor/verify/", {"code": codes[0].upper(), "next": "/admin/"}
    )
    assert response.status_code == 302
    assert first.get("/admin/").status_code == 200

    second = Client()
    password_login(second, superuser)
    again = second.post("/admin/two-factor/verify/", {"code": codes[0], "next": "/admin/"})
    assert b"That code did not work" in again.content
    assert StaticDevice.objects.get(user=superuser).token_set.count() == 9


def test_a_password_alone_cannot_add_another_phone(required, superuser):
    app_for(superuser)
    client = Client()
    password_login(client, superuser)
    response = client.get("/admin/two-factor/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/two-factor/verify/")
    assert TOTPDevice.objects.filter(user=superuser).count() == 1


def test_editors_are_offered_it_but_not_made_to(required, editor):
    client = Client()
    password_login(client, editor)
    assert client.get("/admin/").status_code == 200
    account = client.get("/admin/account/").content.decode()
    assert "Two-step sign-in" in account
    assert 'href="/admin/two-factor/"' in account


def test_an_editor_can_switch_it_on_and_off(editor):
    client = Client()
    password_login(client, editor)
    client.get("/admin/two-factor/")
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    client.post("/admin/two-factor/", {"code": code_for(device)})
    manage = client.get("/admin/two-factor/")
    assert b"Two-step sign-in is on" in manage.content
    assert b"10 unused recovery codes" in manage.content
    response = client.post("/admin/two-factor/remove/")
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=editor).exists()
    assert not StaticDevice.objects.filter(user=editor).exists()


def test_a_superuser_cannot_switch_it_off(required, superuser):
    device = app_for(superuser)
    client = Client()
    password_login(client, superuser)
    client.post("/admin/two-factor/verify/", {"code": code_for(device)})
    client.post("/admin/two-factor/remove/")
    assert TOTPDevice.objects.filter(user=superuser).exists()


def test_new_recovery_codes_replace_the_old(required, superuser):
    device = app_for(superuser)
    old = new_recovery_codes(superuser)
    client = Client()
    password_login(client, superuser)
    client.post("/admin/two-factor/verify/", {"code": code_for(device)})
    response = client.post("/admin/two-factor/recovery-codes/")
    new = re.findall(r"<li><code>([a-z2-7]+)</code></li>", response.content.decode())
    assert len(new) == 10 and not set(new) & set(old)


def test_reset_2fa_removes_a_lost_phone(required, superuser, capsys):
    app_for(superuser)
    new_recovery_codes(superuser)
    call_command("reset_2fa", superuser.username)
    assert "Removed 2 second-factor device(s)" in capsys.readouterr().out
    assert not TOTPDevice.objects.filter(user=superuser).exists()
    assert not StaticDevice.objects.filter(user=superuser).exists()
    client = Client()
    password_login(client, superuser)
    assert client.get("/admin/")["Location"].startswith("/admin/two-factor/?next=")


def test_reset_2fa_says_when_the_user_does_not_exist(db):
    with pytest.raises(CommandError, match="no user called 'nobody'"):
        call_command("reset_2fa", "nobody")


def test_the_demo_logins_need_no_second_factor_in_dev_settings():
    dev = importlib.import_module("clinic.settings.dev")
    assert dev.CLINIC_TWO_FACTOR_REQUIRED_FOR_SUPERUSERS is False
    base = importlib.import_module("clinic.settings.base")
    assert base.CLINIC_TWO_FACTOR_REQUIRED_FOR_SUPERUSERS is True
