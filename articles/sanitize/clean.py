"""The allowlist and the entry points: a body cleaned for the page, or for the editor."""

import re
from functools import partial

import bleach
from bleach.html5lib_shim import Filter

from .editor_markup import EditorMarkupFilter, StoryMarkupFilter
from .embeds import EMBED_PROVIDERS
from .pictures import AskedFor, LibraryPictureFilter

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "em", "b", "i", "s", "sub", "sup", "code",
    "pre", "a", "ul", "ol", "li", "blockquote", "cite", "q", "figure", "figcaption", "img",
    "hr", "aside",
}  # fmt: skip

ALLOWED_CLASSES = {
    "figure": {"embed"},
    "aside": {"callout"},
    "a": {"embed-link"},
    "blockquote": {"callout"},
    "p": {"attribution"},
}

ALLOWED_PROTOCOLS = {"http", "https", "mailto"}

# Elements whose whole content goes, not only the tags.
DROP_WITH_CONTENT = re.compile(
    r"<(script|style|template|iframe|object|embed|noscript|svg|math|textarea|select)\b.*?"
    r"(</\1\s*>|$)",
    re.IGNORECASE | re.DOTALL,
)


def _allowed_attribute(tag, name, value):
    if name == "class":
        return all(cls in ALLOWED_CLASSES.get(tag, set()) for cls in value.split())
    if tag == "figure" and name == "data-provider":
        return value in EMBED_PROVIDERS
    if tag == "ol" and name == "type":
        return value in {"1", "a", "A", "i", "I"}
    return name in {
        "a": {"href", "title"},
        "img": {"src", "alt"},
        "ol": {"start"},
        "blockquote": {"cite"},
        "q": {"cite"},
    }.get(tag, set())


class LinkAndNoteFilter(Filter):
    """Outside links get ``rel="noopener"``; a call-out is a note within the story, not a
    page landmark."""

    def __iter__(self):
        for token in super().__iter__():
            if token["type"] == "StartTag" and token["name"] == "aside":
                token["data"][(None, "role")] = "note"
            if token["type"] == "StartTag" and token["name"] == "a":
                href = token["data"].get((None, "href"), "")
                if href.startswith(("http://", "https://")):
                    token["data"][(None, "rel")] = "noopener"
            yield token


def _cleaner(*filters):
    return bleach.Cleaner(
        tags=ALLOWED_TAGS,
        attributes=_allowed_attribute,
        protocols=ALLOWED_PROTOCOLS,
        strip=True,
        strip_comments=True,
        filters=list(filters),
    )


def _without_dropped_content(html):
    return DROP_WITH_CONTENT.sub("", html.replace("\x00", ""))


def sanitize_body(html, pictures=None):
    """Return the story body reduced to the allowlist, safe to render as is.

    ``pictures`` maps a library file's path (an <img> src after MEDIA_URL) to its
    Image; an <img> it does not have is removed. ``picture_paths`` lists the paths a
    body asks for, so that a caller can fetch them in one query.
    """
    if not html:
        return ""
    library = partial(LibraryPictureFilter, pictures={} if pictures is None else pictures)
    cleaner = _cleaner(StoryMarkupFilter, library, LinkAndNoteFilter)
    return cleaner.clean(_without_dropped_content(html)).strip()


def picture_paths(html):
    """The library paths ``sanitize_body`` will look up for this body, sorted."""
    asked = AskedFor()
    # The same pass with an empty lookup: it asks for exactly what the real one will.
    sanitize_body(html, pictures=asked)
    return sorted(asked)


_editor_cleaner = _cleaner(EditorMarkupFilter)


def editable_body(html):
    """Return a stored body as the story editor should load it: the same allowlist,
    with call-outs, attributions and placeholder cards in the editor's own terms."""
    if not html:
        return ""
    return _editor_cleaner.clean(_without_dropped_content(html)).strip()
