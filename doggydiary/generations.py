"""Generation counters: one number per thing a page can be made of (the table in
``doggydiary.caching`` names them), so kept pages and fragments are invalidated by
moving a number, never by remembering and deleting keys.

Every counter lives in the configured cache (the ``generations`` alias: a file cache
that never culls, or Redis), shared by all workers and machines. A counter the cache
lost starts again from a random value, so no old entry can match it by chance.

A counter may have a *due time*, when the first reader after it moves the counter:
``bump_within`` (comment counts on listings move at most every few seconds) and
``schedule`` (the ``content`` counter moves when a scheduled story's time comes, so no
page outlives a story's appearance and no cron job is needed).
"""

import logging
import os
import secrets

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.filebased import FileBasedCache
from django.db import transaction
from django.utils import timezone

from .caching import CACHE_ERRORS, COUNTERS

logger = logging.getLogger(__name__)

PREFIX = "gen:"
NEVER = "never"
_scheduled = {}  # counter name: a function giving its next due timestamp, or NEVER


def _store():
    return caches[COUNTERS if COUNTERS in settings.CACHES else "default"]


def _fresh():
    return secrets.randbits(48)


def schedule(name, next_due):
    """Move counter ``name`` when the time ``next_due()`` returns has come (a POSIX
    timestamp, or NEVER). It is asked again each time the counter moves."""
    _scheduled[name] = next_due


def _due_key(name):
    return f"{PREFIX}{name}:next"


def bump(*names):
    """Give each counter a new random value, kept with no expiry. (A new value rather
    than incr(): any change will do, two bumps at once still change it, and the file
    cache's incr() would give the counter the default five-minute expiry.)"""
    _store().set_many({PREFIX + name: _fresh() for name in names}, None)
    _store().delete_many([_due_key(name) for name in names])


def bump_within(seconds, *names):
    """Move each counter within ``seconds`` (at once for 0): the first reader after
    that moves it, however many times this is asked meanwhile."""
    if seconds <= 0:
        bump(*names)
        return
    due = timezone.now().timestamp() + seconds
    for name in names:
        _store().add(_due_key(name), due, None)


def _flush():
    connection = transaction.get_connection()
    pending, connection.dd_pending_bumps = connection.dd_pending_bumps, {}
    for within in set(pending.values()):
        bump_within(within, *(name for name, seconds in pending.items() if seconds == within))


def _will_commit(connection):
    """Whether this change is inside a transaction yet to commit. (A test case's own
    outer transaction never commits: a change made in it is as done as it will be.)"""
    blocks = connection.atomic_blocks
    return bool(blocks) and not getattr(blocks[0], "_from_testcase", False)


def bump_on_commit(*names, within=0):
    """Move the counters once the current transaction commits (at once outside one),
    or ``within`` seconds of it. However many changes a transaction makes, each counter
    moves once, after the rows are there: a page is keyed on the values read *before*
    its rows, so a page made from the old rows is never stored under a new value."""
    connection = transaction.get_connection()
    if not _will_commit(connection):
        bump_within(within, *names)
        return
    pending = getattr(connection, "dd_pending_bumps", None)
    # A rolled-back transaction takes its on_commit callbacks with it: start afresh.
    if pending is None or not any(entry[1] is _flush for entry in connection.run_on_commit):
        connection.dd_pending_bumps = pending = {}
        transaction.on_commit(_flush, robust=True)
    for name in names:
        pending[name] = min(within, pending.get(name, within))


def current(*names):
    """{name: value} for ``names``, scheduled counters first moved on if their time
    has come. None when the cache cannot be read or written (down, full): then nothing
    may be kept or served from it."""
    try:
        return _current(names)
    except CACHE_ERRORS as error:
        logger.warning("Generations unavailable, pages go uncached: %s", error)
        return None


# With the file cache (one machine), each worker remembers the counters it read with
# their file's identity (inode, time, size): every write replaces the file, so a
# stat() says whether a counter moved, without opening and unpickling it on every
# request. Redis and others are read as they are.
_files = {}
_paths = {}  # each counter's file, by cache folder and key (a hash: made once)


def _read(keys):
    backend = _store()
    if not isinstance(backend, FileBasedCache):
        return backend.get_many(keys)
    found = {}
    for key in keys:
        where = (backend._dir, key)
        path = _paths.get(where) or _paths.setdefault(where, backend._key_to_file(key))
        try:
            info = os.stat(path)
        except FileNotFoundError:
            _files.pop(path, None)
            continue
        identity = (info.st_ino, info.st_mtime_ns, info.st_size)
        known = _files.get(path)
        if known is not None and known[0] == identity:
            found[key] = known[1]
            continue
        value = backend.get(key)
        if value is not None:
            _files[path] = (identity, value)
            found[key] = value
    return found


def _current(names):
    found = _read([PREFIX + name for name in names] + [_due_key(name) for name in names])
    now = timezone.now().timestamp()
    for name in names:
        value, due = found.get(PREFIX + name), found.get(_due_key(name))
        if value is None:
            continue
        if due is None and name in _scheduled:
            due = _scheduled[name]()
            _store().set(_due_key(name), due, None)
        if due is not None and due != NEVER and due <= now:
            bump(name)
            return _current(names)
    values = {}
    for name in names:
        value = found.get(PREFIX + name)
        if value is None:
            value = _fresh()
            if not _store().add(PREFIX + name, value, None):
                value = _store().get(PREFIX + name, value)
        values[name] = value
    return values
