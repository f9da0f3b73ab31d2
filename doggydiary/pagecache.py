"""The page cache for anonymous readers.

A reader page is the same for every reader who has not asked for something of
their own, so it is rendered once and served from the configured cache (the file
cache of one machine, or Redis shared by several) until what it shows changes.

- **Exact invalidation by generation.** A view opts in with ``@reader_page(...)``,
  naming the generations its page is made from (``articles.generations``: the
  content, the comments, one story's comments). The stored entry keeps their
  values; a hit is an entry whose values are all still current. Nothing is ever
  deleted to invalidate, and a scheduled story moves the content generation at
  its time, so no page outlives its appearance.
- **Personal responses are never cached nor served from the cache**: a request
  with a session (staff) or the commenter's cookie, a signed ``?pending=`` link,
  anything but GET/HEAD, and any response that is not a 200 opted in without a
  cookie or a private Cache-Control.
- **The comment form's time token stays per reader**: the stored page is split
  around the signed "shown at" value and every hit gets a freshly signed one, so
  the too-fast check keeps working (it costs a few microseconds).
- **No stampede**: one worker renders a changed page (a lock in the cache) while
  the others serve the copy they have, or, with none, wait briefly for it.
- ``ETag`` and ``Last-Modified`` with 304s, and ``X-Page-Cache`` saying what
  happened (hit, stale, miss, bypass).
- **Compressed once**: a browser that accepts gzip gets the stored page's own
  compressed bytes with the fresh token spliced in, not a compression per hit.
- **A cache that cannot be written** (a full disk, a folder with the wrong owner)
  makes pages uncached, never an error: the page is rendered and served as is.
"""

import hashlib
import logging
import re
import struct
import time
import zlib
from collections import OrderedDict
from email.utils import formatdate, parsedate_to_datetime

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseNotModified
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import patch_vary_headers

from articles import generations
from comments import tokens

from .caching import CACHE_ERRORS, is_personal
from .fragments import release
from .site import site_url

# Only the query parameters a reader page reads make different pages; any other
# (tracking tags and the like) is left out of the key, so strangers cannot fill
# the cache with copies of one page.
PAGE_PARAMS = ("page", "cpage", "q", "replytocom")
MAX_QUERY_STRING = 300
TOKEN = re.compile(rb'(name="shown" value=")([^"]*)(")')
# Each worker keeps the entries it served last: an entry never changes for a given
# set of generations, so only the (tiny) generations are read from the shared cache
# on a hit, not the page itself.
LOCAL_ENTRIES = 200
_local = OrderedDict()
ACCEPTS_GZIP = re.compile(r"\bgzip\b")
# A gzip member's header: deflate, no name, no time (RFC 1952); the body's CRC-32 and
# length follow the deflate stream.
GZIP_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"
# A stored page keeps every header the view and middleware gave it (the security
# policy, caching, framing), except those each response has of its own.
OWN_HEADERS = {"content-length", "content-encoding", "etag", "last-modified", "x-page-cache",
               "set-cookie", "date"}  # fmt: skip
logger = logging.getLogger(__name__)
_compressor = GZipMiddleware(lambda request: None)


def _unwritable(error):
    logger.warning("Page cache skipped: the cache cannot be written (%s)", error)


def reader_page(*depends):
    """Mark a view's responses as cacheable reader pages made from the generations
    ``depends``. Their values are read before the view runs, so a change made while
    it renders leaves the stored page already out of date, never wrongly current."""

    def decorate(view):
        def wrapped(request, *args, **kwargs):
            # None when the cache cannot say (down, unwritable): then not cacheable.
            versions = generations.current(*depends) if settings.PAGE_CACHE else None
            response = view(request, *args, **kwargs)
            response.page_versions = versions
            return response

        wrapped.__name__ = getattr(view, "__name__", type(view).__name__)
        wrapped.__doc__ = view.__doc__
        return wrapped

    return decorate


def page_key(request):
    params = sorted(
        (name, value) for name, value in request.GET.items() if name in PAGE_PARAMS and value
    )
    # The host in one spelling (site_url): a stranger's variants of it (case, a
    # trailing dot, a port) are one page, not one cache entry each.
    raw = f"{release()}|{site_url(request)}|{request.path}|{params!r}"
    return "page:" + hashlib.sha256(raw.encode()).hexdigest()


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
        and getattr(response, "page_versions", None) is not None
        and not response.streaming
        and not response.cookies
        and "private" not in control
        and "no-store" not in control
    )


def make_entry(response):
    body = response.content
    # Split around the form's token: before + 'name="shown" value="', token, '"' + after.
    split = TOKEN.split(body, maxsplit=1)
    parts = [split[0] + split[1], split[3] + split[4]] if len(split) == 5 else [body]
    digest = hashlib.md5(b"".join(parts), usedforsecurity=False).hexdigest()
    return {
        "versions": response.page_versions,
        "status": response.status_code,
        "headers": [(k, v) for k, v in response.items() if k.lower() not in OWN_HEADERS],
        "parts": parts,
        "gzip": compressed(parts),
        "etag": f'W/"{digest}"',
        "modified": time.time(),
    }


def _deflated(data, mode):
    compressor = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush(mode)


def compressed(parts):
    """The parts compressed once, for ``gzipped``. One part: the whole gzip member.
    Two (around the token): the first part's deflate stream ended by a full flush (so
    it stops on a byte and nothing after it refers back), then the second part's own
    stream, and the first part's CRC-32 to go on from. The pages hold no secret, so
    compressing them is safe from BREACH (the token is anyone's for a page view)."""
    if sum(map(len, parts)) < 200:
        return None  # too short to be worth it (as GZipMiddleware judges)
    if len(parts) == 1:
        body = parts[0]
        trailer = struct.pack("<II", zlib.crc32(body), len(body) & 0xFFFFFFFF)
        return [GZIP_HEADER + _deflated(body, zlib.Z_FINISH) + trailer]
    head = GZIP_HEADER + _deflated(parts[0], zlib.Z_FULL_FLUSH)
    return [head, _deflated(parts[1], zlib.Z_FINISH), zlib.crc32(parts[0])]


def gzipped(entry, token):
    """The entry's page with ``token`` (None for a page without one) as one gzip
    member: its stored streams with the token between them as a stored block."""
    stored = entry["gzip"]
    if token is None:
        return stored[0]
    head, tail, crc = stored
    before, after = entry["parts"]
    crc = zlib.crc32(after, zlib.crc32(token, crc))
    size = len(before) + len(token) + len(after)
    block = b"\x00" + struct.pack("<HH", len(token), len(token) ^ 0xFFFF) + token
    return b"".join((head, block, tail, struct.pack("<II", crc, size & 0xFFFFFFFF)))


def _remember(key, entry):
    _local[key] = entry
    _local.move_to_end(key)
    while len(_local) > LOCAL_ENTRIES:
        _local.popitem(last=False)


def _forget(key):
    try:
        cache.delete(key)
    except CACHE_ERRORS as error:
        _unwritable(error)


def current_entry(key):
    """(the current entry for ``key`` or None, the newest entry seen, current or not)."""
    entry = _local.get(key)
    if entry is not None and is_current(entry):
        return entry, entry
    shared = cache.get(key)
    if shared is not None and is_current(shared):
        _remember(key, shared)
        return shared, shared
    return None, shared or entry


def is_current(entry):
    versions = entry["versions"]
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
    gzip = False
    if _not_modified(request, entry):
        response = HttpResponseNotModified()
    else:
        parts = entry["parts"]
        token = tokens.form_timestamp().encode() if len(parts) == 2 else None
        gzip = entry.get("gzip") and ACCEPTS_GZIP.search(
            request.META.get("HTTP_ACCEPT_ENCODING", "")
        )
        if gzip:
            body = gzipped(entry, token)
        else:
            body = b"".join([parts[0], token, parts[1]] if token else parts)
        response = HttpResponse(b"" if request.method == "HEAD" else body, status=entry["status"])
        if request.method == "HEAD":
            response["Content-Length"] = str(len(body))
    for name, value in entry["headers"]:
        response[name] = value
    if gzip:
        response["Content-Encoding"] = "gzip"
        if "Accept-Encoding" not in response.get("Vary", ""):
            patch_vary_headers(response, ["Accept-Encoding"])
    response["ETag"] = entry["etag"]
    response["Last-Modified"] = formatdate(entry["modified"], usegmt=True)
    response["X-Page-Cache"] = state
    return response


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_cacheable_request(request):
            return self._uncached(request)
        key = page_key(request)
        lock = key + ":rendering"
        try:
            entry, newest = current_entry(key)
            if entry is not None:
                return serve(request, entry, "hit")
            locked = cache.add(lock, 1, settings.PAGE_CACHE_LOCK_SECONDS)
        except CACHE_ERRORS as error:
            _unwritable(error)
            return self._uncached(request)
        if not locked:
            waited = self._wait_for_render(key, newest)
            if waited is not None:
                return serve(request, *waited)
        try:
            return self._render(request, key)
        finally:
            _forget(lock)

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

    def _render(self, request, key):
        # Made uncompressed (GZipMiddleware is below): a stored page is compressed
        # here, once, and a page that is not stored is compressed as it leaves.
        accepts = request.META.pop("HTTP_ACCEPT_ENCODING", None)
        try:
            response = self.get_response(request)
        finally:
            if accepts is not None:
                request.META["HTTP_ACCEPT_ENCODING"] = accepts
        if is_cacheable_response(response):
            entry = make_entry(response)
            try:
                cache.set(key, entry, settings.PAGE_CACHE_SECONDS)
            except CACHE_ERRORS as error:
                _unwritable(error)
            _remember(key, entry)
            return serve(request, entry, "miss")
        _forget(key)  # a page that is gone or changed kind: no stale copy of it
        _local.pop(key, None)
        response.headers.setdefault("X-Page-Cache", "bypass")
        return _compressor.process_response(request, response)
