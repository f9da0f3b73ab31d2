"""The story body's allowlist, applied once on save.

What an editor may put in a story: subheadings, paragraphs, emphasis, links,
lists, quotes, figures with captions, a call-out box and a social-post
placeholder. Everything else is dropped. Images must come from our own library:
they are rewritten with width, height and a srcset, and any other image is
removed so that no story can make a reader's browser call another host.
"""

import re
from html import unescape

import bleach
from bleach.html5lib_shim import Filter

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "em", "b", "i", "s", "sub", "sup", "code",
    "pre", "a", "ul", "ol", "li", "blockquote", "cite", "q", "figure", "figcaption", "img",
    "hr", "aside",
}  # fmt: skip

ALLOWED_CLASSES = {
    "figure": {"embed"},
    "aside": {"callout"},
    "a": {"embed-link"},
}
EMBED_PROVIDERS = {"tiktok", "instagram", "youtube", "x"}

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
    return name in {
        "a": {"href", "title"},
        "img": {"src", "alt"},
        "ol": {"start"},
        "blockquote": {"cite"},
        "q": {"cite"},
    }.get(tag, set())


class LibraryImageFilter(Filter):
    """Keeps an <img> only if it points at an image in our library, and gives it the
    library's alt text (unless the editor wrote one), dimensions and srcset."""

    def __iter__(self):
        from django.conf import settings

        from .images import picture_data
        from .models import Image

        prefix = settings.MEDIA_URL
        for token in super().__iter__():
            if token["type"] == "EmptyTag" and token["name"] == "img":
                attrs = token["data"]
                src = attrs.get((None, "src"), "")
                image = None
                if src.startswith(prefix):
                    image = Image.objects.filter(file=src[len(prefix) :]).first()
                if image is None:
                    continue
                picture = picture_data(image, "body")
                alt = attrs.get((None, "alt")) or image.alt
                yield {"type": "StartTag", "name": "picture", "data": {}}
                yield {
                    "type": "EmptyTag",
                    "name": "source",
                    "data": {
                        (None, "type"): "image/webp",
                        (None, "srcset"): picture["webp_srcset"],
                        (None, "sizes"): BODY_IMAGE_SIZES,
                    },
                }
                yield {
                    "type": "EmptyTag",
                    "name": "img",
                    "data": {
                        (None, "src"): picture["src"],
                        (None, "srcset"): picture["jpg_srcset"],
                        (None, "sizes"): BODY_IMAGE_SIZES,
                        (None, "width"): str(picture["width"]),
                        (None, "height"): str(picture["height"]),
                        (None, "alt"): alt,
                        (None, "loading"): "lazy",
                        (None, "decoding"): "async",
                    },
                }
                yield {"type": "EndTag", "name": "picture", "data": {}}
                continue
            if token["type"] == "StartTag" and token["name"] == "aside":
                # A call-out is a note within the story, not a page landmark.
                token["data"][(None, "role")] = "note"
            if token["type"] == "StartTag" and token["name"] == "a":
                href = token["data"].get((None, "href"), "")
                if href.startswith(("http://", "https://")):
                    token["data"][(None, "rel")] = "noopener"
            yield token


BODY_IMAGE_SIZES = "(min-width: 46rem) 42rem, 100vw"

_cleaner = bleach.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=_allowed_attribute,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
    filters=[LibraryImageFilter],
)


def sanitize_body(html):
    """Return the story body reduced to the allowlist, safe to render as is."""
    if not html:
        return ""
    html = html.replace("\x00", "")
    html = DROP_WITH_CONTENT.sub("", html)
    return _cleaner.clean(html).strip()


_TAG = re.compile(r"<[^>]+>")
_BLOCK_END = re.compile(r"</(p|h[1-6]|li|blockquote|figcaption|aside|pre)>", re.IGNORECASE)


def html_to_text(html):
    """Plain text of sanitized HTML, for search, excerpts and reading time."""
    text = _BLOCK_END.sub("\n", html)
    text = unescape(_TAG.sub(" ", text))
    return re.sub(r"[ \t]+", " ", re.sub(r"\s*\n\s*", "\n", text)).strip()
