"""reverse() for the links a page repeats on every render, at a fraction of its cost.

A route whose one argument is a slug is reversed once, around a marker, and each
link is then the text before the marker, the slug and the text after it (a slug's
characters need no quoting). Any other route is reversed once per distinct
arguments. Both are kept per process, keyed by the script prefix, and forgotten
when a test changes ROOT_URLCONF.
"""

import re
from functools import lru_cache

from django.core.signals import setting_changed
from django.urls import NoReverseMatch, get_script_prefix, reverse

_MARKER = "slug-marker"
_SLUG = re.compile(r"[-a-zA-Z0-9_]+\Z")


@lru_cache(maxsize=256)
def _slug_route(prefix, name):
    try:
        path = reverse(name, args=[_MARKER])
    except NoReverseMatch:  # its argument is not a slug (a number, say)
        return None
    before, _, after = path.rpartition(_MARKER)
    return before, after


@lru_cache(maxsize=1024)
def _reverse(prefix, name, args):
    return reverse(name, args=args)


def route_url(name, *args):
    """The path of the named route with these positional arguments, as reverse()."""
    prefix = get_script_prefix()
    if len(args) == 1 and isinstance(args[0], str) and _SLUG.match(args[0]):
        parts = _slug_route(prefix, name)
        if parts is not None:
            return parts[0] + args[0] + parts[1]
    return _reverse(prefix, name, args)


def _forget(setting, **kwargs):
    if setting == "ROOT_URLCONF":
        _slug_route.cache_clear()
        _reverse.cache_clear()


setting_changed.connect(_forget)
