"""Finding 3, the race: sixty sign-in attempts at once must not get more than the limit of them
past the password check. Transactional (each thread has its own connection), so in a file of
its own: the other findings' tests share a page tree that a transactional test would empty."""

import threading
import time

import pytest
from django.db import connections
from django.test import Client

from .conftest import PASSWORD


def admin_login(client, username, password):
    return client.post("/admin/login/", {"username": username, "password": password})


@pytest.fixture
def slow_password_check(monkeypatch):
    """A production-like hasher: checking a password takes a moment, during which the other
    attempts arrive (the window the old throttle's count left open)."""
    from django.contrib.auth.hashers import MD5PasswordHasher

    real_verify = MD5PasswordHasher.verify
    checked = []

    def slow_verify(self, password, encoded):
        checked.append(password)
        time.sleep(0.2)
        return real_verify(self, password, encoded)

    monkeypatch.setattr(MD5PasswordHasher, "verify", slow_verify)
    return checked


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_sixty_attempts_at_once_process_no_more_than_the_limit(
    django_user_model, slow_password_check
):
    user = django_user_model.objects.create_user(username="target", password=PASSWORD)
    start = threading.Barrier(60)
    statuses = []
    lock = threading.Lock()

    def attempt():
        try:
            client = Client(REMOTE_ADDR="203.0.113.34")
            start.wait()
            status = admin_login(client, user.username, "wrong").status_code
            with lock:
                statuses.append(status)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt) for _ in range(60)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert len(statuses) == 60, statuses
    # Passwords actually checked: the limit, not one more.
    assert len(slow_password_check) <= 5, len(slow_password_check)
    assert statuses.count(200) <= 5, sorted(statuses)
    assert statuses.count(429) >= 55
