"""The Jinja2 environment of the reader templates (templates/site/).

Globals: ``url`` (reverse), ``static``, and the magazine's helpers from
``articles.rendering``, handed the site's public address from the request.
Filters: Django's ``date`` (its format strings, in the site's time zone),
``pluralize`` and ``urlencode``, with Django's meaning; ``whole_words(length)``
cuts a text after its last whole word that fits, with an ellipsis, and
``truncatechars`` and ``truncate`` mean the same here: no reader page shows a cut word.
"""

import unicodedata
from datetime import datetime
from functools import lru_cache, wraps

from django.conf import settings
from django.core.signals import setting_changed
from django.template.defaultfilters import pluralize, urlencode
from django.templatetags.static import static
from django.utils import formats, translation
from django.utils.dateformat import re_escaped, re_formatchars
from django.utils.dates import MONTHS, MONTHS_3
from django.utils.timezone import get_default_timezone
from jinja2 import ChainableUndefined, Environment, Undefined, pass_context

from articles import rendering

from .routes import route_url
from .site import site_url
from .text import whole_words


def url(name, *args):
    """reverse(), quickly (``doggydiary.routes``); a link to something missing, such
    as the section of an unsaved story in a preview, is empty, as in Django templates."""
    if any(isinstance(arg, Undefined) for arg in args):
        return ""
    return route_url(name, *args)


# The static files are the same on every render: each address is worked out once
# per process (and again when a test changes the settings it comes from).
cached_static = lru_cache(maxsize=128)(static)


def _forget_static(setting, **kwargs):
    if setting in {"STATIC_URL", "STATIC_ROOT", "STORAGES"}:
        cached_static.cache_clear()


setting_changed.connect(_forget_static)


@lru_cache(maxsize=8)
def _month_names(language):
    with translation.override(language):
        return {
            "F": {month: str(name) for month, name in MONTHS.items()},
            "M": {month: str(name).title() for month, name in MONTHS_3.items()},
        }


# The format characters our templates use, written as Django's formatter writes
# them. Django's filter costs ten times as much per date, most of it in looking up
# the active time zone and language: the magazine has one of each (settings), so
# these are read from there.
_QUICK_FORMATS = {
    "j": lambda value, names: str(value.day),
    "d": lambda value, names: f"{value.day:02d}",
    "F": lambda value, names: names["F"][value.month],
    "M": lambda value, names: names["M"][value.month],
    "Y": lambda value, names: f"{value.year:04d}",
    "H": lambda value, names: f"{value.hour:02d}",
    "i": lambda value, names: f"{value.minute:02d}",
    "c": lambda value, names: value.isoformat(),
}


@lru_cache(maxsize=32)
def _quick_format(format_string):
    """The format as a list of literal strings and functions, or None if it uses a
    character only Django's formatter knows."""
    parts = []
    for index, piece in enumerate(re_formatchars.split(format_string)):
        if index % 2:
            if piece not in _QUICK_FORMATS:
                return None
            parts.append(_QUICK_FORMATS[piece])
        elif piece:
            parts.append(re_escaped.sub(r"\1", piece))
    return parts


def date(value, format_string):
    """Django's ``date`` filter, in the site's time zone and language."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime) and value.tzinfo is not None:
        value = value.astimezone(get_default_timezone())
    parts = _quick_format(format_string)
    if parts is None:
        return formats.date_format(value, format_string)
    names = _month_names(settings.LANGUAGE_CODE)
    return "".join(part if isinstance(part, str) else part(value, names) for part in parts)


_cut = lru_cache(maxsize=1024, typed=True)(whole_words)


def excerpt(value, length=255, *ignored, **also_ignored):
    """``value`` cut after its last whole word within ``length`` characters. A text
    already short enough comes back as it is; a cut is remembered (the same
    standfirsts are cut on page after page)."""
    if isinstance(value, str) and len(value) <= length:
        return value
    return _cut(unicodedata.normalize("NFC", str(value)), length)


def _with_site_url(function):
    """``function(base, ...)`` as a template global ``function(...)``: ``base`` is the
    site's public address for the request being rendered."""

    @pass_context
    @wraps(function)
    def call(context, *args, **kwargs):
        return function(site_url(context["request"]), *args, **kwargs)

    return call


def absolute_url(base, path):
    return base + path


class Missing(ChainableUndefined):
    """As in Django templates, in every mode: a missing name, attribute or call
    result prints nothing and compares as false (a preview of an unsaved story may
    lack its author; a search with no results has no page)."""

    __slots__ = ()

    def __call__(self, *args, **kwargs):
        return self

    def _false(self, other):
        return False

    __lt__ = __le__ = __gt__ = __ge__ = _false


def environment(**options):
    options["undefined"] = Missing
    options.setdefault("keep_trailing_newline", True)
    options.pop("autoescape", None)  # always on: |safe marks the few exceptions
    env = Environment(autoescape=True, **options)
    env.globals.update(
        url=url,
        static=cached_static,
        picture=rendering.picture,
        absolute_url=_with_site_url(absolute_url),
        picture_url=_with_site_url(rendering.picture_url),
        story_json_ld=_with_site_url(rendering.story_json_ld),
        site_json_ld=_with_site_url(rendering.site_json_ld),
        breadcrumbs_json_ld=_with_site_url(rendering.breadcrumbs_json_ld),
        share_links=_with_site_url(rendering.share_links),
    )
    env.filters.update(
        date=date,
        pluralize=pluralize,
        urlencode=urlencode,
        whole_words=excerpt,
        truncatechars=excerpt,
        truncate=excerpt,
    )
    return env
