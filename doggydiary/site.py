"""Site-wide helpers every app uses: the public address, the client's address and
page numbers."""

import ipaddress
from contextlib import suppress

from django.conf import settings
from django.http import Http404
from django.http.request import split_domain_port

MAX_PAGE_DIGITS = 6
DEFAULT_PORTS = {"http": "80", "https": "443"}


def site_url(request):
    """The site's public address: SITE_URL, or else the request's own validated host
    in one spelling, so a Host header cannot put a made-up variant into links that are
    cached and shared: lower case, no trailing dot, and a port only if it is the one
    the server really listens on and not the scheme's default."""
    if settings.SITE_URL:
        return settings.SITE_URL
    host, port = split_domain_port(request.get_host())  # lower case, no trailing dot
    if port == DEFAULT_PORTS.get(request.scheme) or port != request.META.get("SERVER_PORT"):
        port = ""
    return f"{request.scheme}://{host}:{port}" if port else f"{request.scheme}://{host}"


def client_ip(request):
    """The sender's address: the connection's, or the one the trusted proxies saw
    (if it is an address at all: it is stored in an address column)."""
    if settings.NUM_PROXIES:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= settings.NUM_PROXIES:
            seen = forwarded[-settings.NUM_PROXIES]
            with suppress(ValueError):
                return str(ipaddress.ip_address(seen))
    return request.META.get("REMOTE_ADDR") or None


def page_number(raw, *, default=1):
    """The page a ``?page=``-style value names; anything else a stranger may send
    (letters, signs, non-ASCII digits, a huge number) is a 404, never a 500."""
    if raw is None:
        return default
    if not (raw.isascii() and raw.isdigit()) or len(raw) > MAX_PAGE_DIGITS or int(raw) < 1:
        raise Http404("No such page.")
    return int(raw)
