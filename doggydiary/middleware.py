import base64
import gzip
import hashlib
import json
import re
from urllib.parse import urlsplit

from django.conf import settings
from django.core.files.storage import storages
from django.middleware import http
from django.utils.http import quote_etag

# The players static/js/site.js may frame, and only after a reader clicks.
EMBED_PLAYER_ORIGINS = [
    "https://www.youtube-nocookie.com",
    "https://www.tiktok.com",
    "https://www.instagram.com",
    "https://platform.twitter.com",
]


def _policy(*directives):
    return "; ".join(directives)


# Every public page is built from our own origin only: no third-party script,
# style, font or image can load, and the only frames are those players.
PUBLIC_CSP = _policy(
    "default-src 'self'",
    "img-src 'self' data:",
    "style-src 'self'",
    "script-src 'self'",
    "font-src 'self'",
    "connect-src 'self'",
    "frame-src " + " ".join(EMBED_PLAYER_ORIGINS),
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
)

# The admin, the story preview included (it renders story content on our origin):
# scripts from our origin only, never inline, so markup that slipped into a story
# cannot run. Styles may be inline: Django's widgets and the editor set style
# attributes, and a style cannot run code.
ADMIN_CSP = _policy(
    "default-src 'self'",
    "img-src 'self' data: blob:",
    "style-src 'self' 'unsafe-inline'",
    "script-src 'self'",
    "font-src 'self'",
    "connect-src 'self'",
    "frame-src " + " ".join(EMBED_PLAYER_ORIGINS),
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
)

# The rich-text editor's scripts are modules found through an inline import map; the
# admin's policy names each import map by its hash (it holds static file names, which
# change with every release). Only maps in the page's <head>, which story content never
# reaches, and only if they are JSON objects: a hash allows any inline script with the
# same text, and a JSON object is not a script that can do anything.
IMPORT_MAP = re.compile(rb'<script type="importmap"[^>]*>(.*?)</script>', re.S)

PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=()"


def is_json_object(text):
    try:
        return isinstance(json.loads(text), dict)
    except (ValueError, RecursionError):
        return False


def admin_policy(response):
    """ADMIN_CSP, allowing the import maps this page carries and no other inline script."""
    if response.streaming or not response.get("Content-Type", "").startswith("text/html"):
        return ADMIN_CSP
    html = response.content
    if response.get("Content-Encoding") == "gzip":
        html = gzip.decompress(html)
    head = html.split(b"<body", 1)[0]
    hashes = [
        "'sha256-" + base64.b64encode(hashlib.sha256(found).digest()).decode() + "'"
        for found in IMPORT_MAP.findall(head)
        if is_json_object(found)
    ]
    if not hashes:
        return ADMIN_CSP
    return ADMIN_CSP.replace("script-src 'self'", "script-src 'self' " + " ".join(hashes))


def media_origin():
    """The origin media is served from when it is not ours (a bucket or a CDN named by
    AWS_S3_CUSTOM_DOMAIN), which pages must let images load from; else "". Worked out
    once per storage object (a change of settings in tests makes a new one)."""
    storage = storages["default"]
    if storage not in _media_origins:
        address = urlsplit(storage.url("x.jpg"))
        origin = f"{address.scheme}://{address.netloc}" if address.netloc else ""
        _media_origins.clear()
        _media_origins[storage] = origin
    return _media_origins[storage]


_media_origins = {}


def with_media_origin(policy):
    origin = media_origin()
    return policy.replace("img-src 'self'", f"img-src 'self' {origin}", 1) if origin else policy


class SecurityHeadersMiddleware:
    """Content-Security-Policy, Permissions-Policy and Cross-Origin-Resource-Policy on
    every response: pages, feeds, media, static files and errors alike."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = "/admin/"

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(self.admin_prefix):
            policy = admin_policy(response)
        else:
            policy = PUBLIC_CSP
        response.headers.setdefault("Content-Security-Policy", with_media_origin(policy))
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        # No other site may embed our pictures, pages or feeds in its own pages.
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        if settings.DEBUG:
            response.headers.setdefault("X-Robots-Tag", "noindex")
        return response


class ConditionalGetMiddleware(http.ConditionalGetMiddleware):
    """Django's ETags and 304s, with the ETag hashed by SHA-1 instead of MD5: any hash
    that changes with the bytes makes an ETag, and SHA-1 takes a third of MD5's time
    on a 55 KB story page here (0.03 ms against 0.08 ms, on every page made)."""

    def process_response(self, request, response):
        if (
            not response.streaming
            and response.content
            and self.needs_etag(response)
            and not response.has_header("ETag")
        ):
            response.headers["ETag"] = quote_etag(etag_of(response.content))
        return super().process_response(request, response)


def etag_of(content):
    """The hash of a page's bytes that its ETag quotes (here and in the page cache)."""
    return hashlib.sha1(content, usedforsecurity=False).hexdigest()
