"""The page cache for anonymous readers.

A reader page is the same for every reader who has not asked for something of
their own, so it is rendered once and served from the configured cache (the file
cache of one machine, or Redis shared by several) until what it shows changes.

- **What a page is made of and which parameters it reads** come from the table
  ``PAGES`` in ``doggydiary.caching`` (a view marked ``@reader_page(...)`` and not in
  the table names its generations itself). The stored entry keeps the values of its
  generations, read before the view runs; a hit is an entry whose values are all
  still current. Nothing is ever deleted to invalidate.
- **Personal responses are never cached nor served from the cache**: a request
  with a session (staff) or the commenter's cookie, a signed ``?pending=`` link, a
  reply form, anything but GET/HEAD, and any response that is not a 200 without a
  cookie or a private Cache-Control.
- **One render per change**: one worker renders a changed page (a lock: an
  exclusively created file with the file cache, ``add`` elsewhere) while the others
  serve the copy they have, or, with none, wait briefly for it.
- ``ETag`` and ``Last-Modified`` with 304s, and ``X-Page-Cache`` saying what
  happened (hit, stale, miss, bypass).
- **Compressed once**, when stored; a reader whose browser refuses gzip
  (``gzip;q=0``) gets the page as it is.
- **A cache that cannot be written** (a full disk, a folder with the wrong owner)
  makes pages uncached, never an error: the page is rendered and served as is.
"""

import gzip
import logging
import os
import time
from collections import OrderedDict
from email.utils import formatdate, parsedate_to_datetime
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.filebased import FileBasedCache
from django.http import HttpResponse, HttpResponseNotModified
from django.middleware.gzip import GZipMiddleware
from django.urls import Resolver404, resolve
from django.utils.cache import patch_vary_headers

from . import fragments, generations
from .caching import CACHE_ERRORS, PAGE, PAGES, is_personal, page
from .middleware import etag_of
from .site import MAX_PAGE_DIGITS, site_url

MAX_QUERY_STRING = 300
# Each worker keeps the entries it served last: an entry never changes for a given
# set of generations, so only the (tiny) generations are read from the shared cache
# on a hit, not the page itself.
LOCAL_ENTRIES = 200
_local = OrderedDict()
# A stored page keeps every header the view and middleware gave it (the security
# policy, caching, framing), except those each response has of its own.
OWN_HEADERS = {"content-length", "content-encoding", "etag", "last-modified", "x-page-cache",
               "set-cookie", "date"}  # fmt: skip
logger = logging.getLogger(__name__)
_compressor = GZipMiddleware(lambda request: None)


def _unwritable(error):
    logger.warning("Page cache skipped: the cache cannot be written (%s)", error)


def reader_page(*depends):
    """Mark a view as a cacheable reader page made from the generations ``depends``
    (for a view the table ``PAGES`` does not name; the table comes first)."""

    def decorate(view):
        def wrapped(request, *args, **kwargs):
            return view(request, *args, **kwargs)

        wrapped.__name__ = getattr(view, "__name__", type(view).__name__)
        wrapped.__doc__ = view.__doc__
        wrapped.page_depends = depends
        return wrapped

    return decorate


def accepts_gzip(header):
    """Whether an Accept-Encoding header allows gzip: named (or ``*``) with a
    quality above zero."""
    qualities = {}
    for item in header.lower().split(","):
        name, *params = (part.strip() for part in item.split(";"))
        quality = 1.0
        for param in params:
            if param.startswith("q="):
                try:
                    quality = float(param[2:])
                except ValueError:
                    quality = 0.0
        qualities[name] = quality
    return qualities.get("gzip", qualities.get("x-gzip", qualities.get("*", 0.0))) > 0


class Invalid(Exception):
    """A parameter the page reads with a value it refuses (a 404, made every time)."""


def normalised(kind, raw):
    """The parameter as the view reads it; None for its default."""
    if kind == PAGE:
        if not (raw.isascii() and raw.isdigit()) or len(raw) > MAX_PAGE_DIGITS or int(raw) < 1:
            raise Invalid(raw)
        return None if int(raw) == 1 else str(int(raw))
    return " ".join(raw.split()) or None


@lru_cache(maxsize=2048)
def _page_at(path):
    """(the table's entry, the URL's arguments) for a reader page at ``path``, or None.
    Remembered per path: it is asked on every hit, and the URLs do not change."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    spec = PAGES.get(match.view_name)
    if spec is None and getattr(match.func, "page_depends", None) is not None:
        spec = page(*match.func.page_depends)
    return (spec, match.kwargs) if spec is not None else None


def plan(request):
    """(the page's key, its generations, whether a render may be stored) for a reader
    page, or None when this request is not served from the page cache."""
    if not is_cacheable_request(request):
        return None
    found = _page_at(request.path_info)
    if found is None:
        return None
    spec, kwargs = found
    params, storable = {}, True
    try:
        for name in request.GET:
            if name in spec["uncached"]:
                return None
            kind = spec["params"].get(name)
            if kind is None:
                storable = False  # read by nobody: served, but never stored
            elif (value := normalised(kind, request.GET.get(name))) is not None:
                params[name] = value
    except Invalid:
        return None
    # The host in one spelling (site_url): a stranger's variants of it (case, a
    # trailing dot, a port) are one page, not one cache entry each.
    name = f"{site_url(request)}|{request.path}|{sorted(params.items())!r}"
    depends = fragments.depends(spec["depends"], **kwargs)
    return fragments.key("page", name, {}), depends, storable


def is_cacheable_request(request):
    return (
        settings.PAGE_CACHE
        and request.method in ("GET", "HEAD")
        and not request.path.startswith(settings.PAGE_CACHE_SKIP_PREFIXES)
        # A long query (a pasted essay in the search box) is a page for one reader.
        and len(request.META.get("QUERY_STRING", "")) <= MAX_QUERY_STRING
        and not is_personal(request)
    )


def is_cacheable_response(response):
    control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in control
        and "no-store" not in control
    )


def make_entry(response, versions):
    body = response.content
    return {
        "versions": versions,
        "status": response.status_code,
        "headers": [(k, v) for k, v in response.items() if k.lower() not in OWN_HEADERS],
        "body": body,
        # Too short to be worth it (as GZipMiddleware judges): not compressed.
        "gzip": gzip.compress(body, 6, mtime=0) if len(body) >= 200 else None,
        "etag": f'W/"{etag_of(body)}"',
        "modified": time.time(),
    }


def _remember(key, entry):
    _local[key] = entry
    _local.move_to_end(key)
    while len(_local) > LOCAL_ENTRIES:
        _local.popitem(last=False)


def _identity(key):
    """The stored entry's file identity with the file cache (every write replaces the
    file), else None: the shared copy is read again only once it has changed."""
    backend = caches["default"]
    if not isinstance(backend, FileBasedCache):
        return None
    try:
        info = os.stat(backend._key_to_file(key))
    except FileNotFoundError:
        return None
    return info.st_ino, info.st_mtime_ns, info.st_size


def current_entry(key):
    """(the current entry for ``key`` or None, the newest entry seen, current or not)."""
    entry = _local.get(key)
    if entry is not None and is_current(entry):
        return entry, entry
    # While another worker renders a changed page, each request for it looks here:
    # a copy this worker has already read is not read (and unpickled) again.
    identity = _identity(key)
    if entry is not None and identity is not None and entry.get("file") == identity:
        return None, entry
    shared = cache.get(key)
    if shared is not None:
        shared["file"] = identity
        _remember(key, shared)
        if is_current(shared):
            return shared, shared
    return None, shared or entry


def is_current(entry):
    versions = entry.get("versions")
    return versions is not None and generations.current(*versions) == versions


def _not_modified(request, entry):
    # META, not request.headers: on a hit the headers are read nowhere else, and
    # building their mapping would cost more than these two lookups.
    meta = request.META
    if meta.get("HTTP_IF_NONE_MATCH") == entry["etag"]:
        return True
    since = meta.get("HTTP_IF_MODIFIED_SINCE")
    if since and "HTTP_IF_NONE_MATCH" not in meta:
        try:
            return parsedate_to_datetime(since).timestamp() >= int(entry["modified"])
        except (TypeError, ValueError):
            return False
    return False


def serve(request, entry, state):
    zipped = None
    if _not_modified(request, entry):
        response = HttpResponseNotModified()
    else:
        if entry["gzip"] and accepts_gzip(request.META.get("HTTP_ACCEPT_ENCODING", "")):
            zipped = entry["gzip"]
        body = zipped or entry["body"]
        response = HttpResponse(b"" if request.method == "HEAD" else body, status=entry["status"])
        if request.method == "HEAD":
            response["Content-Length"] = str(len(body))
    for name, value in entry["headers"]:
        response[name] = value
    if entry["gzip"] and "Accept-Encoding" not in response.get("Vary", ""):
        patch_vary_headers(response, ["Accept-Encoding"])
    if zipped:
        response["Content-Encoding"] = "gzip"
    response["ETag"] = entry["etag"]
    response["Last-Modified"] = formatdate(entry["modified"], usegmt=True)
    response["X-Page-Cache"] = state
    return response


def take_lock(key):
    """The right to render ``key`` (something to give to ``release_lock``), or None
    when another worker has it. Atomic on every backend: Django's file cache ``add``
    checks, then writes, so there it is a file created with O_EXCL."""
    backend = caches["default"]
    if not isinstance(backend, FileBasedCache):
        return key if cache.add(f"{key}:rendering", 1, settings.PAGE_CACHE_LOCK_SECONDS) else None
    os.makedirs(backend._dir, 0o700, exist_ok=True)
    path = os.path.join(backend._dir, key.split(":")[-1] + ".rendering")
    for _ in range(2):
        try:
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
            return path
        except FileExistsError:
            try:  # a lock left by a worker that died mid-render expires
                if os.path.getmtime(path) > time.time() - settings.PAGE_CACHE_LOCK_SECONDS:
                    return None
                os.unlink(path)
            except FileNotFoundError:
                pass
    return None


def release_lock(lock):
    try:
        if lock.startswith("page:"):
            cache.delete(f"{lock}:rendering")
        else:
            os.unlink(lock)
    except (FileNotFoundError, *CACHE_ERRORS) as error:
        _unwritable(error)


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        encodings = request.META.get("HTTP_ACCEPT_ENCODING")
        if encodings and not accepts_gzip(encodings):
            del request.META["HTTP_ACCEPT_ENCODING"]  # nor compressed further down
        found = plan(request)
        if found is None:
            return self._uncached(request)
        key, depends, storable = found
        try:
            entry, newest = current_entry(key)
            if entry is not None:
                return serve(request, entry, "hit")
            lock = take_lock(key) if storable else None
        except CACHE_ERRORS as error:
            _unwritable(error)
            return self._uncached(request)
        if not storable:
            return self._uncached(request)
        if lock is None:
            waited = self._wait_for_render(key, newest)
            if waited is not None:
                return serve(request, *waited)
        try:
            return self._render(request, key, depends)
        finally:
            if lock is not None:
                release_lock(lock)

    def _uncached(self, request):
        response = self.get_response(request)
        response.headers.setdefault("X-Page-Cache", "bypass")
        return response

    def _wait_for_render(self, key, stale):
        """Another worker is rendering this page: serve the copy we have, or wait a
        little for theirs; None means render it ourselves after all."""
        if stale is not None:
            return stale, "stale"
        deadline = time.monotonic() + settings.PAGE_CACHE_WAIT_SECONDS
        while time.monotonic() < deadline:
            time.sleep(0.02)
            entry, _ = current_entry(key)
            if entry is not None:
                return entry, "hit"
        return None

    def _render(self, request, key, depends):
        # Read before the view: a change made while it renders leaves the stored page
        # already out of date, never wrongly current. None: the cache cannot say.
        versions = generations.current(*depends)
        # Made uncompressed (GZipMiddleware is below): a stored page is compressed
        # here, once, and a page that is not stored is compressed as it leaves.
        accepts = request.META.pop("HTTP_ACCEPT_ENCODING", None)
        try:
            response = self.get_response(request)
        finally:
            if accepts is not None:
                request.META["HTTP_ACCEPT_ENCODING"] = accepts
        if versions is not None and is_cacheable_response(response):
            entry = make_entry(response, versions)
            try:
                cache.set(key, entry, settings.PAGE_CACHE_SECONDS)
            except CACHE_ERRORS as error:
                _unwritable(error)
            _remember(key, entry)
            return serve(request, entry, "miss")
        _local.pop(key, None)
        try:  # a page that is gone or changed kind: no stale copy of it
            cache.delete(key)
        except CACHE_ERRORS as error:
            _unwritable(error)
        response.headers.setdefault("X-Page-Cache", "bypass")
        return _compressor.process_response(request, response)
