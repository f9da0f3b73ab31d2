"""Generation counters: what a cached thing was made from, so caches are
invalidated by version, never by remembering and deleting keys.

- ``content``: stories, authors, sections, tags, pictures, pins and the discussion
  settings. It also moves by itself when a scheduled story's time comes: the
  time of the next scheduled publication is kept beside it, and the first reader
  after that time moves it on, so nothing cached outlives a scheduled story's
  appearance and no cron job is needed.
- ``comments``: any story's public comments (listings show counts).
- ``comments:<story id>``: one story's public comments.
- ``readership``: the week's most read stories, moved only when their order changes
  (``articles.readership``).

Every counter lives in the configured cache (the file cache, or Redis), shared by
all workers and machines. A cache that lost a counter starts it again from a
random value, so no old entry can match it by chance.
"""

import logging
import os
import secrets

from django.core.cache import cache, caches
from django.core.cache.backends.filebased import FileBasedCache
from django.db import transaction
from django.utils import timezone

from doggydiary.caching import CACHE_ERRORS

from .models import Article

logger = logging.getLogger(__name__)

PREFIX = "gen:"
CONTENT = "content"
COMMENTS = "comments"
READERSHIP = "readership"
NEXT_SCHEDULED = f"{PREFIX}{CONTENT}:next"
NEVER = "never"


def story_comments(pk):
    return f"{COMMENTS}:{pk}"


def _fresh():
    return secrets.randbits(48)


def bump(*names):
    """Give each counter a new random value, kept with no expiry. (A new value rather
    than incr(): any change will do, two bumps at once still change it, and the file
    cache's incr() would give the counter the default five-minute expiry.)"""
    cache.set_many({PREFIX + name: _fresh() for name in names}, None)
    if CONTENT in names:
        cache.delete(NEXT_SCHEDULED)


def bump_on_commit(*names):
    """Move the counters now, and again once the current transaction commits: a
    reader who cached the old rows under the first new value cannot be served
    them after the second."""
    bump(*names)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: bump(*names), robust=True)


def content_changed(sender=None, **kwargs):
    """Signal receiver for every model a reader page shows (see ArticlesConfig)."""
    bump_on_commit(CONTENT)


def _next_scheduled():
    upcoming = (
        Article.objects.filter(status=Article.Status.PUBLISHED, publish_at__gt=timezone.now())
        .order_by("publish_at")
        .values_list("publish_at", flat=True)
        .first()
    )
    value = upcoming.timestamp() if upcoming else NEVER
    cache.set(NEXT_SCHEDULED, value, None)
    return value


# The next scheduled time only changes when ``content`` moves (every bump clears it),
# so each worker remembers it per value of ``content`` and reads it once per change.
_due_by_content = {}


def _due(content):
    due = _due_by_content.get(content)
    if due is None:
        due = cache.get(NEXT_SCHEDULED)
        if due is None:
            due = _next_scheduled()
        _due_by_content.clear()
        _due_by_content[content] = due
    return due


def current(*names):
    """{name: value} for ``names``; ``content`` first moves on if a scheduled story's
    time has come since it last moved. None when the cache cannot be read or written
    (down, full): then nothing may be cached or served from it."""
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
    backend = caches["default"]
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
    found = _read([PREFIX + name for name in names])
    content = found.get(PREFIX + CONTENT)
    if content is not None:
        due = _due(content)
        if due != NEVER and due <= timezone.now().timestamp():
            bump(CONTENT)
            return _current(names)
    values = {}
    for name in names:
        value = found.get(PREFIX + name)
        if value is None:
            value = _fresh()
            if not cache.add(PREFIX + name, value, None):
                value = cache.get(PREFIX + name, value)
        values[name] = value
    return values
