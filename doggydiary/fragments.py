"""Keeping things: the one helper for whatever is the same for every reader and
worth making once, parts of pages (``kept``) and the key of a whole page (``key``).

A personal page (a remembered commenter, a reply form, a pending link) is made for
its reader every time. The parts that do not depend on the reader, such as the
related stories or a page of comments, are kept here under the generations they are
made from (the table ``FRAGMENTS`` in ``doggydiary.caching``): they are made again
only when what they show changes.

An entry keeps the generation values it was made from and is used only while they
are current; keys carry the release and the settings that shape pages. Each worker
keeps the entries it used last in memory (nothing to read), and the configured cache
shares them between workers and machines. ``FRAGMENT_CACHE = False`` makes every
render from scratch.
"""

import contextlib
import hashlib
from collections import OrderedDict
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.core.cache import cache

from . import generations
from .caching import CACHE_ERRORS, FRAGMENTS

LOCAL_ENTRIES = 500
SECONDS = 24 * 60 * 60
# Settings that shape pages: a restart with another value starts with fresh entries.
SHAPING = ("ARTICLES_PER_PAGE", "SITE_NAME", "SITE_URL", "TIME_ZONE", "LANGUAGE_CODE",
           "COMMENT_MAX_LENGTH", "COMMENT_MIN_SECONDS", "COMMENT_COOKIE_DAYS")  # fmt: skip
_local = OrderedDict()


@lru_cache(maxsize=1)
def release():
    """A stamp of the code, templates and static files that make the pages (their
    contents), so HTML kept or stored by an older release is never served by a newer
    one (nor names its old stylesheet): a deploy starts with fresh entries, with no
    cache to clear. Machines running the same files agree on it, whenever each was
    installed (their pages and stored HTML are shared). ``RELEASE`` in the environment
    (a commit id, say) takes its place; working it out reads about 1 MB once a
    process."""
    if settings.RELEASE:
        return settings.RELEASE
    stamp = hashlib.sha256()
    base = Path(settings.BASE_DIR)
    # Static files too: a page names its stylesheet and scripts by their content.
    for folder in ("articles", "comments", "doggydiary", "templates", "static"):
        for path in sorted((base / folder).rglob("*")):
            if path.suffix in {".py", ".html", ".txt", ".json", ".css", ".js", ".svg", ".png"}:
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
                stamp.update(f"{path.relative_to(base)}:{digest};".encode())
    return stamp.hexdigest()[:12]


def key(kind, name, versions):
    """The cache key of ``name`` made from generations at ``versions``, by this
    release with these settings."""
    shaping = [getattr(settings, setting, None) for setting in SHAPING]
    raw = f"{release()}|{shaping!r}|{name}|{sorted(versions.items())!r}"
    return f"{kind}:" + hashlib.sha256(raw.encode()).hexdigest()


def depends(names, **args):
    """The generation names ``names`` (from the table) with ``{slug}`` and the like
    filled in from ``args``."""
    return [name.format(**args) for name in names]


def kept(fragment, make, **args):
    """The value ``make()`` returns for ``fragment`` (a name in ``FRAGMENTS``) with
    ``args`` (the page, the slug...), made once while what it depends on is unchanged,
    then reused. Values must pickle (HTML text, rows, model instances) and are shared
    between requests: never change one. None (nothing found) is not kept."""
    if not settings.FRAGMENT_CACHE:
        return make()
    versions = generations.current(*depends(FRAGMENTS[fragment], **args))
    if versions is None:  # the cache is down
        return make()
    # One entry per fragment, replaced when made again: the generations it was made
    # from are kept with it, as a page's are.
    found = key("frag", f"{fragment}|{sorted(args.items())!r}", {})
    entry = _local.get(found)
    if entry is None or entry[0] != versions:
        entry = _read(found)
    if entry is None or entry[0] != versions:
        value = make()
        if value is None:  # nothing found is not kept: a stranger's made-up keys stay out
            return None
        entry = (versions, value)
        _write(found, entry)
    _local[found] = entry
    _local.move_to_end(found)
    while len(_local) > LOCAL_ENTRIES:
        _local.popitem(last=False)
    return entry[1]


def _read(key):
    try:
        return cache.get(key)
    except CACHE_ERRORS:  # an unreadable cache folder, Redis down: make it again
        return None


def _write(key, value):
    with contextlib.suppress(*CACHE_ERRORS):  # an unwritable cache costs speed, not the page
        cache.set(key, value, SECONDS)


def forget():
    """Drop this worker's entries (tests that change settings between renders)."""
    _local.clear()
