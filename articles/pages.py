"""Pages editors write (About, Contact), served at ``/<slug>/``.

Their route comes after every other, so a page can never hide a section, a story
or any other address; a slug that is the first part of another route ("story",
"admin", "newsletter") is refused when the page is saved.
"""

from functools import lru_cache

from django.shortcuts import get_object_or_404, render
from django.urls import URLPattern, URLResolver, get_resolver
from django.views.decorators.http import require_safe

from doggydiary.caching import set_reader_cache_headers

from .models import Page


def _first_segments(patterns):
    for pattern in patterns:
        text = str(pattern.pattern).lstrip("^")
        head = text.split("/", 1)[0]
        if head and "<" not in head and "(" not in head:
            yield head.rstrip("$")
        elif not head and isinstance(pattern, URLResolver):
            yield from _first_segments(pattern.url_patterns)
        elif isinstance(pattern, URLPattern | URLResolver) and head.startswith("("):
            # a regex route such as the media files': its fixed prefix, if any
            yield text.split("(", 1)[0].strip("/") or ""


@lru_cache(maxsize=1)
def reserved_slugs():
    """The first part of every other address on the site."""
    return frozenset(
        segment.lower() for segment in _first_segments(get_resolver().url_patterns) if segment
    ) | {"static", "media"}


@require_safe
def page_detail(request, slug):
    page = get_object_or_404(Page.objects.published(), slug=slug)
    response = render(request, "articles/page.html", {"page": page, "current_nav": None})
    return set_reader_cache_headers(request, response)
