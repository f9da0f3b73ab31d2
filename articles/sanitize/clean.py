"""The allowlist and the entry points: a body cleaned for the page, or for the editor.

nh3 (Ammonia, an HTML5 parser) is the safety boundary, and it has the last word.
A body goes through it twice: first with the allowlist of what an editor may write,
which also parses whatever was sent into a well-formed tree, then, after our own
structural rewrites (``editor_markup``), with the allowlist of what a story may show,
which adds only what those rewrites make: pictures, cards' post ids, ``rel`` and
``role``.
"""

import re
from functools import partial

import nh3

from ..images import media_prefixes
from .editor_markup import editor_markup, story_markup
from .embeds import EMBED_IDS, EMBED_PROVIDERS
from .pictures import AskedFor
from .tree import parse, serialize

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
DROP_WITH_CONTENT = {
    "script", "style", "template", "iframe", "object", "embed", "noscript", "svg", "math",
    "textarea", "select", "title", "xmp", "noembed", "noframes", "plaintext",
}  # fmt: skip

# What an editor may write.
WRITTEN_ATTRIBUTES = {
    "a": {"href", "title", "class"},
    "img": {"src", "alt"},
    "ol": {"start", "type"},
    "blockquote": {"cite", "class"},
    "q": {"cite"},
    "figure": {"class", "data-provider"},
    "aside": {"class"},
    "p": {"class"},
}
# What a story may show besides: what ``story_markup`` adds.
SHOWN_TAGS = ALLOWED_TAGS | {"picture", "source"}
SHOWN_ATTRIBUTES = {
    **WRITTEN_ATTRIBUTES,
    "img": {"src", "alt", "srcset", "sizes", "width", "height", "loading", "decoding"},
    "source": {"type", "srcset", "sizes"},
    "figure": {"class", "data-provider", "data-embed-id"},
}
SHOWN_VALUES = {"a": {"rel": {"noopener"}}, "aside": {"role": {"note"}}}

_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):", re.IGNORECASE)
_NOT_IN_URLS = re.compile(r"[\x00-\x20\x7f]")
_ANY_EMBED_ID = re.compile("|".join(f"(?:{p.pattern})" for p in EMBED_IDS.values()))


def _safe_url(value):
    """A relative address or one with an allowed scheme (as a browser reads it)."""
    found = _SCHEME.match(_NOT_IN_URLS.sub("", value))
    return found is None or found[1].lower() in ALLOWED_PROTOCOLS


def _local(value):
    """Only our own media: a picture in a story never calls another host."""
    urls = [part.split()[0] for part in value.split(",") if part.strip()]
    return all(any(_under(url, prefix) for prefix in media_prefixes()) for url in urls)


def _under(url, prefix):
    # With a relative MEDIA_URL such as "/", "//host/" would start with it too.
    return url.startswith(prefix) and ("//" in prefix or not url.startswith("//"))


def _attribute_value(tag, name, value):
    if name == "class":
        return value if all(c in ALLOWED_CLASSES.get(tag, ()) for c in value.split()) else None
    if name == "data-provider":
        return value if value in EMBED_PROVIDERS else None
    if name == "data-embed-id":
        return value if _ANY_EMBED_ID.fullmatch(value) else None
    if tag == "ol" and name == "type":
        return value if value in {"1", "a", "A", "i", "I"} else None
    if name == "cite":
        return value if _safe_url(value) else None
    if tag in {"img", "source"} and name in {"src", "srcset"}:
        return value if _local(value) else None
    return value


_COMMON = {
    "clean_content_tags": DROP_WITH_CONTENT,
    "url_schemes": ALLOWED_PROTOCOLS,
    "link_rel": None,
    "strip_comments": True,
}
_written = partial(
    nh3.clean,
    tags=ALLOWED_TAGS,
    attributes=WRITTEN_ATTRIBUTES,
    attribute_filter=_attribute_value,
    **_COMMON,
)
_shown = partial(
    nh3.clean,
    tags=SHOWN_TAGS,
    attributes=SHOWN_ATTRIBUTES,
    tag_attribute_values=SHOWN_VALUES,
    attribute_filter=_attribute_value,
    **_COMMON,
)


def _settled(clean, html):
    """nh3 until its output stays the same: a tree with stripped elements can serialize
    to markup that parses differently once (a <p> left inside a <p>)."""
    for _ in range(3):
        cleaned = clean(html)
        if cleaned == html:
            break
        html = cleaned
    return html


def sanitize_body(html, pictures=None, posts=None):
    """Return the story body reduced to the allowlist, safe to render as is.

    ``pictures`` maps a library file's path (an <img> src after MEDIA_URL) to its
    Image; an <img> it does not have is removed. ``picture_paths`` lists the paths a
    body asks for, so that a caller can fetch them in one query. ``posts`` maps a
    card's (provider, post id) to what describes the post (``post_keys`` lists them).
    """
    if not html:
        return ""
    tree = parse(_written(html.replace("\x00", "")))
    pictures = {} if pictures is None else pictures
    nodes = story_markup(tree.children, pictures, posts=posts)
    rewritten = "".join(serialize(node) for node in nodes)
    return _settled(_shown, rewritten).strip()


def picture_paths(html):
    """The library paths ``sanitize_body`` will look up for this body, sorted."""
    asked = AskedFor()
    # The same pass with an empty lookup: it asks for exactly what the real one will.
    sanitize_body(html, pictures=asked)
    return sorted(asked)


def post_keys(html):
    """The (provider, post id) of each card in this body, as a set."""
    asked = AskedFor()
    sanitize_body(html, posts=asked)
    return set(asked)


def editable_body(html):
    """Return a stored body as the story editor should load it: the same allowlist,
    with call-outs, attributions and placeholder cards in the editor's own terms."""
    if not html:
        return ""
    tree = parse(_written(html.replace("\x00", "")))
    rewritten = "".join(serialize(node) for node in editor_markup(tree.children))
    return _settled(_written, rewritten).strip()
