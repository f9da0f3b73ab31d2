"""Site-wide helpers every app uses: the public address and page numbers."""

from django.conf import settings
from django.http import Http404

MAX_PAGE_DIGITS = 6


def site_url(request):
    """The site's public address: SITE_URL, or the request's own validated host."""
    return settings.SITE_URL or f"{request.scheme}://{request.get_host()}"


def page_number(raw, *, default=1):
    """The page a ``?page=``-style value names; anything else a stranger may send
    (letters, signs, non-ASCII digits, a huge number) is a 404, never a 500."""
    if raw is None:
        return default
    if not (raw.isascii() and raw.isdigit()) or len(raw) > MAX_PAGE_DIGITS or int(raw) < 1:
        raise Http404("No such page.")
    return int(raw)
