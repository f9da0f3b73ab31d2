"""Failed admin sign-ins are counted by account and by address and locked out for a
short, growing while, without a stranger being able to lock a real editor out
(issue 12, item 3; doggydiary/throttle.py)."""

import time

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "right-horse-battery-staple"
STRANGER, EDITOR = "203.0.113.7", "198.51.100.20"


@pytest.fixture(name="editor")
def editor_fixture(django_user_model):
    return django_user_model.objects.create_user(
        username="editor", password=PASSWORD, is_staff=True
    )


def sign_in(client, username, password, address):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
    )


def fail(client, times, username="editor", address=STRANGER):
    for _ in range(times):
        response = sign_in(client, username, "wrong guess", address)
        assert response.status_code == 200
    return response


def is_locked(response):
    return response.status_code == 200 and "Too many failed sign-ins" in response.text


def test_five_failures_lock_the_account_from_that_address_only(client, editor):
    response = fail(client, 5)
    assert "Please enter the correct username and password" in response.text
    response = sign_in(client, "editor", PASSWORD, STRANGER)
    assert is_locked(response)
    assert "paused for 1 min" in response.text
    # The name typed stays in the form.
    assert 'name="username" value="editor"' in response.text
    assert "_auth_user_id" not in client.session
    # The real editor, from an address that has not failed, signs in at once.
    response = sign_in(client, "editor", PASSWORD, EDITOR)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(editor.pk)


def test_the_name_is_compared_without_case_or_spaces(client, editor):
    fail(client, 3, username="Editor")
    fail(client, 2, username=" EDITOR ")
    assert is_locked(sign_in(client, "editor", PASSWORD, STRANGER))


def test_a_success_clears_the_failures_of_its_pair(client, editor):
    fail(client, 4, address=EDITOR)
    assert sign_in(client, "editor", PASSWORD, EDITOR).status_code == 302
    client.logout()
    fail(client, 4, address=EDITOR)
    assert sign_in(client, "editor", PASSWORD, EDITOR).status_code == 302


def wait_until_unlocked(client, limit_seconds):
    """Real time passes; returns how long the lock still held, in seconds."""
    started = time.monotonic()
    while time.monotonic() - started < limit_seconds:
        if not is_locked(sign_in(client, "nobody-probe", "x", STRANGER)):
            return time.monotonic() - started
        time.sleep(0.1)
    raise AssertionError(f"still locked after {limit_seconds} s")


def test_each_lock_is_longer_up_to_the_cap(client, editor, settings):
    settings.LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS = 100
    settings.LOGIN_FAILURES_PER_ADDRESS = 2  # the address lock, probed with any name
    settings.LOGIN_LOCK_SECONDS = 1
    settings.LOGIN_LOCK_MAX_SECONDS = 2
    held = []
    for _ in range(3):
        fail(client, 2, username="someone")
        assert is_locked(sign_in(client, "editor", PASSWORD, STRANGER))
        held.append(wait_until_unlocked(client, 5))
    # 1 s, then 2 s, then 2 s again (the cap), less the time the failures took.
    assert held[0] < 1.5
    assert 1.0 < held[1] < 2.5
    assert 1.0 < held[2] < 2.5
    # The editor was never locked out from their own address.
    assert sign_in(client, "editor", PASSWORD, EDITOR).status_code == 302


def test_one_address_trying_many_names_is_locked(client, editor):
    for n in range(20):
        sign_in(client, f"guess{n}", "wrong guess", STRANGER)
    assert is_locked(sign_in(client, "editor", PASSWORD, STRANGER))
    assert is_locked(sign_in(client, "someone-new", "whatever", STRANGER))
    assert sign_in(client, "editor", PASSWORD, EDITOR).status_code == 302


def test_guessing_from_many_addresses_locks_the_account_briefly(client, editor, settings):
    settings.LOGIN_FAILURES_PER_ACCOUNT = 12
    for n in range(12):
        sign_in(client, "editor", "wrong guess", f"192.0.2.{n + 1}")
    # Now even the editor waits: the one lock a stranger can cause, high and short.
    response = sign_in(client, "editor", PASSWORD, EDITOR)
    assert is_locked(response)
    assert "paused for 1 min" in response.text
    # Other accounts are not affected.
    assert not is_locked(sign_in(client, "moderator", "x", EDITOR))


def test_an_ipv6_client_is_counted_by_its_64(client, editor):
    for n in range(5):
        sign_in(client, "editor", "wrong guess", f"2001:db8:1:2::{n + 1:x}")
    assert is_locked(sign_in(client, "editor", PASSWORD, "2001:db8:1:2:ffff::1"))
    assert sign_in(client, "editor", PASSWORD, "2001:db8:1:3::1").status_code == 302


def test_behind_the_proxy_the_forwarded_address_counts(client, editor, settings):
    settings.NUM_PROXIES = 1
    for _ in range(5):
        client.post(
            reverse("admin:login"),
            {"username": "editor", "password": "wrong guess"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=f"10.9.9.9, {STRANGER}",
        )
    locked = client.post(
        reverse("admin:login"),
        {"username": "editor", "password": PASSWORD},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR=STRANGER,
    )
    assert is_locked(locked)
    # Another reader behind the same proxy is not the stranger.
    response = client.post(
        reverse("admin:login"),
        {"username": "editor", "password": PASSWORD, "next": "/admin/"},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR=EDITOR,
    )
    assert response.status_code == 302


@pytest.mark.usefixtures("file_cache_short_default")
def test_failures_are_counted_for_the_whole_window_in_the_file_cache(client, editor):
    fail(client, 4)
    time.sleep(1.2)  # past the default timeout, well inside the 15-minute window
    fail(client, 1)
    assert is_locked(sign_in(client, "editor", PASSWORD, STRANGER))


@pytest.mark.usefixtures("unreachable_redis")
def test_locks_hold_and_signing_in_works_while_the_page_cache_is_down(client, editor):
    """Locks live in their own table (issue 18), not in the cache that keeps pages."""
    response = fail(client, 5)
    assert "Please enter the correct username and password" in response.text
    assert is_locked(sign_in(client, "editor", PASSWORD, STRANGER))
    assert sign_in(client, "editor", PASSWORD, EDITOR).status_code == 302
