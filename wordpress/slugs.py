"""Addresses for what WordPress named: ASCII slugs (a non-ASCII one is transliterated
where it can be, else made from the title or the id), unique in their table."""

import unicodedata
from urllib.parse import unquote

from django.utils.text import slugify


def make_slug(*candidates, fallback, max_length=200):
    """The first candidate that gives a usable ASCII slug (WordPress percent-encodes
    non-ASCII slugs: ``%e6%97%a5``), else ``fallback``."""
    for text in candidates:
        text = unicodedata.normalize("NFKC", unquote(text or ""))
        slug = slugify(text)[:max_length].strip("-")
        if slug:
            return slug
    return fallback[:max_length]


def unique_slugs(model, wanted, field="slug", max_length=200):
    """``wanted`` ({key: slug}) with each slug made unique in ``model`` and among
    themselves by a "-2", "-3"… suffix; two queries, more only on a clash."""
    taken = set(
        model.objects.filter(**{f"{field}__in": set(wanted.values())}).values_list(field, flat=True)
    )
    chosen = {}
    for key, slug in wanted.items():
        if slug in taken:
            slug = _free(model, field, slug, taken, max_length)
        taken.add(slug)
        chosen[key] = slug
    return chosen


def _free(model, field, slug, taken, max_length):
    for n in range(2, 10_000):
        suffix = f"-{n}"
        candidate = slug[: max_length - len(suffix)] + suffix
        if candidate not in taken and not model.objects.filter(**{field: candidate}).exists():
            return candidate
    raise ValueError(f"No free address for {slug!r}")
