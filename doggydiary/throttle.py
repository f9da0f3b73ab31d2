"""Failed admin sign-ins, counted and locked out for a while.

Counts and locks are kept with Django's database cache in a table of their own
(``doggydiary_throttle``), shared by every worker and machine, which is what a count
of failures needs, and never beside the pages: the page cache culls entries when it
is full, and a stranger who can make pages must not be able to push a lock or a
budget out (a cache alias of their own on the same Redis would share its eviction).

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

``spend`` is the same count for any other form a stranger could repeat too often (the
mail sign-ups): a budget per address and window, with no lock beyond the window.
"""

import hashlib
import ipaddress
import logging
import math
import time
from functools import lru_cache

from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.cache.backends.db import DatabaseCache
from django.core.exceptions import ValidationError
from django.db import DatabaseError

from .caching import CACHE_ERRORS
from .site import client_ip

logger = logging.getLogger(__name__)

LOCK_MEMORY_SECONDS = 24 * 60 * 60  # how long earlier locks make the next one longer
TABLE = "doggydiary_throttle"  # made by doggydiary/migrations/0002_i18_throttle_table.py
# Only counts and locks live there, and they expire; a store this full is under attack
# from as many addresses, and then the expired entries go first.
MAX_ENTRIES = 100_000
STORE_ERRORS = (*CACHE_ERRORS, DatabaseError)


@lru_cache(maxsize=1)
def store():
    """Where counts and locks live (see the module's docstring)."""
    return DatabaseCache(TABLE, {"TIMEOUT": None, "OPTIONS": {"MAX_ENTRIES": MAX_ENTRIES}})


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
        if (until := store().get(f"login:lock:{scope}:{key}")) and until > now
    ]
    if remaining:
        raise Locked(math.ceil(max(remaining)))


def count(key, window):
    """Add one use to the count at ``key``; return (uses, seconds left). A count lasts
    ``window`` seconds from its first use, whatever the cache backend: Django's own
    ``incr`` (the file cache's) stores the count again with the cache's default
    timeout, five minutes, so its life is set again to the window's end."""
    now = time.time()
    if store().add(key, 1, window):
        store().set(f"{key}:until", now + window, window)
        return 1, window
    try:
        uses = store().incr(key)
    except ValueError:  # expired between add and incr
        store().set(key, 1, window)
        store().set(f"{key}:until", now + window, window)
        return 1, window
    left = max(1, math.ceil((store().get(f"{key}:until") or now + window) - now))
    store().touch(key, left)
    return uses, left


def spend(name, ip_address, limit, window):
    """Count one use of ``name`` from this address (an IPv6 /64 as one) in a window of
    ``window`` seconds from its first use; past ``limit`` uses, raise ``Locked`` with
    the seconds the window has left. Returns False if the use could not be counted (the
    cache cannot be written): the caller decides whether to allow it.
    """
    if limit <= 0:
        return True
    try:
        used, left = count(f"limit:{name}:{_address(ip_address)}", window)
    except STORE_ERRORS:
        logger.warning(
            "The %s limit cannot count: the cache cannot be written.", name, exc_info=True
        )
        return False
    if used > limit:
        raise Locked(left)
    return True


def record_failure(username, ip_address):
    """Count a failed sign-in; lock whatever reached its limit."""
    for scope, key, limit in _scopes(username, ip_address):
        failures_key = f"login:failures:{scope}:{key}"
        if limit <= 0 or count(failures_key, settings.LOGIN_FAILURE_WINDOW)[0] < limit:
            continue
        store().delete(failures_key)
        locks, _left = count(f"login:locks:{scope}:{key}", LOCK_MEMORY_SECONDS)
        doubled = settings.LOGIN_LOCK_SECONDS * 2 ** min(locks - 1, 20)
        seconds = min(doubled, settings.LOGIN_LOCK_MAX_SECONDS)
        store().set(f"login:lock:{scope}:{key}", time.time() + seconds, seconds)


def record_success(username, ip_address):
    scope, key, _limit = _scopes(username, ip_address)[0]
    store().delete_many([f"login:failures:{scope}:{key}", f"login:locks:{scope}:{key}"])


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
            _unless_cache_fails(check, username, address)
        except Locked as lock:
            raise ValidationError(
                self.error_messages["locked"], code="locked", params={"minutes": lock.minutes}
            ) from None
        try:
            cleaned = super().clean()
        except ValidationError as error:
            if error.code == "invalid_login" and username:
                _unless_cache_fails(record_failure, username, address)
            raise
        if self.user_cache is not None:
            _unless_cache_fails(record_success, username, address)
        return cleaned


def _unless_cache_fails(action, username, address):
    """A cache that is down (Redis unreachable, an unwritable folder) leaves sign-ins
    uncounted for a while rather than locking every editor out: Django's password
    hashing still makes each guess slow."""
    try:
        action(username, address)
    except STORE_ERRORS:
        logger.warning("Sign-in throttling skipped: the cache cannot be used.", exc_info=True)
