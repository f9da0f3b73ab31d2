"""Failed admin sign-ins, counted in Django's cache and locked out for a while.

The cache and not a library such as django-axes: it is already shared by every worker
(the file cache) and every machine (Redis, with REDIS_URL), which is what a count of
failures needs, and it adds no dependency, no table and no migration.

Three counts in a window of LOGIN_FAILURE_WINDOW seconds, and a lock for each:

- one account from one address (LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS, low): the
  usual guessing. It locks only that pair, so a stranger who fails on an editor's name
  locks out themselves, not the editor signing in from anywhere else;
- one address, any accounts (LOGIN_FAILURES_PER_ADDRESS): guessing across names;
- one account, any addresses (LOGIN_FAILURES_PER_ACCOUNT, high): guessing spread over
  many addresses. This lock is the only one that stops the real editor too, which is
  why its count is high and every lock is short.

A lock lasts LOGIN_LOCK_SECONDS, doubled for each lock of the same kind within a day,
never more than LOGIN_LOCK_MAX_SECONDS. While locked, a password is not even checked.
A successful sign-in clears its pair's failures.
"""

import hashlib
import ipaddress
import math
import time

from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.cache import cache
from django.core.exceptions import ValidationError

from .site import client_ip

LOCK_MEMORY_SECONDS = 24 * 60 * 60  # how long earlier locks make the next one longer


class Locked(Exception):
    def __init__(self, seconds):
        super().__init__(f"locked for {seconds} s")
        self.seconds = seconds

    @property
    def minutes(self):
        return max(1, math.ceil(self.seconds / 60))


def _address(ip_address):
    """An IPv6 client has a whole /64 to itself, so the /64 counts as one address."""
    try:
        parsed = ipaddress.ip_address(ip_address or "")
    except ValueError:
        return str(ip_address or "unknown")[:64]
    if parsed.version == 6:
        if parsed.ipv4_mapped:
            return str(parsed.ipv4_mapped)
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return str(parsed)


def _account(username):
    """Usernames compared as the login form would find them, hashed for the key."""
    return hashlib.sha256(username.strip().casefold().encode()).hexdigest()[:32]


def _scopes(username, ip_address):
    """Each count's name, key part and limit."""
    account, address = _account(username), _address(ip_address)
    return [
        ("pair", f"{account}:{address}", settings.LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS),
        ("address", address, settings.LOGIN_FAILURES_PER_ADDRESS),
        ("account", account, settings.LOGIN_FAILURES_PER_ACCOUNT),
    ]


def check(username, ip_address):
    """Raise ``Locked`` if this account may not be tried from this address now."""
    now = time.time()
    remaining = [
        until - now
        for scope, key, _limit in _scopes(username, ip_address)
        if (until := cache.get(f"login:lock:{scope}:{key}")) and until > now
    ]
    if remaining:
        raise Locked(math.ceil(max(remaining)))


def _count(key, window):
    cache.add(key, 0, window)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        return 1


def record_failure(username, ip_address):
    """Count a failed sign-in; lock whatever reached its limit."""
    for scope, key, limit in _scopes(username, ip_address):
        failures_key = f"login:failures:{scope}:{key}"
        if limit <= 0 or _count(failures_key, settings.LOGIN_FAILURE_WINDOW) < limit:
            continue
        cache.delete(failures_key)
        locks = _count(f"login:locks:{scope}:{key}", LOCK_MEMORY_SECONDS)
        doubled = settings.LOGIN_LOCK_SECONDS * 2 ** min(locks - 1, 20)
        seconds = min(doubled, settings.LOGIN_LOCK_MAX_SECONDS)
        cache.set(f"login:lock:{scope}:{key}", time.time() + seconds, seconds)


def record_success(username, ip_address):
    scope, key, _limit = _scopes(username, ip_address)[0]
    cache.delete_many([f"login:failures:{scope}:{key}", f"login:locks:{scope}:{key}"])


class ThrottledLoginForm(AdminAuthenticationForm):
    """The admin's sign-in form, refusing while locked; the name typed stays filled in."""

    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "locked": (
            "Too many failed sign-ins. To protect the account, signing in to it from "
            "here is paused for %(minutes)s min. Please try again after that."
        ),
    }

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        address = client_ip(self.request) if self.request else None
        try:
            check(username, address)
        except Locked as lock:
            raise ValidationError(
                self.error_messages["locked"], code="locked", params={"minutes": lock.minutes}
            ) from None
        try:
            cleaned = super().clean()
        except ValidationError as error:
            if error.code == "invalid_login" and username:
                record_failure(username, address)
            raise
        if self.user_cache is not None:
            record_success(username, address)
        return cleaned
