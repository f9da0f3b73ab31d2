"""The story body's allowlist, applied once on save.

What an editor may put in a story: subheadings, paragraphs, emphasis, links,
lists, quotes, figures with captions, a call-out box and a social-post
placeholder. Everything else is dropped. Images must come from our own library:
they are rewritten with width, height and a srcset, and any other image is
removed so that no story can make a reader's browser call another host.

The story editor (``articles.editor``) writes a few things its own way; they are
turned into the site's canonical markup here:

- ``<blockquote class="callout">`` becomes ``<aside class="callout" role="note">``;
- ``<p class="attribution">`` directly inside a quote becomes its ``<cite>``;
- a paragraph that is nothing but a link (or a bare address) to a TikTok,
  Instagram, YouTube or X post becomes a placeholder card,
  ``<figure class="embed" data-provider=".." data-embed-id="..">``, which loads
  nothing from the provider until the reader asks (``static/js/embeds.js``).
"""

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

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
    "blockquote": {"callout"},
    "p": {"attribution"},
}

ALLOWED_PROTOCOLS = {"http", "https", "mailto"}

# A post's id as each provider writes it. Only these characters ever reach a
# player's address in static/js/embeds.js, which checks them again.
EMBED_IDS = {
    "tiktok": re.compile(r"[0-9]{15,21}"),
    "instagram": re.compile(r"[A-Za-z0-9_-]{5,40}"),
    "youtube": re.compile(r"[A-Za-z0-9_-]{11}"),
    "x": re.compile(r"[0-9]{1,20}"),
}
EMBED_PROVIDERS = set(EMBED_IDS)
EMBED_LINK_TEXT = {
    "tiktok": "Watch on TikTok",
    "instagram": "View on Instagram",
    "youtube": "Watch on YouTube",
    "x": "View on X",
}

_YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com"}
_X_HOSTS = {"x.com", "www.x.com", "twitter.com", "www.twitter.com", "mobile.twitter.com"}
# (provider, hosts, the address's path with the post id as its one group)
_EMBED_PATHS = [
    (
        "tiktok",
        {"tiktok.com", "www.tiktok.com", "m.tiktok.com"},
        r"/@[A-Za-z0-9_.]{1,64}/video/([^/]+)/?",
    ),
    ("instagram", {"instagram.com", "www.instagram.com"}, r"/(?:p|reel)/([^/]+)/?"),
    ("youtube", _YOUTUBE_HOSTS, r"/shorts/([^/]+)/?"),
    ("youtube", {"youtu.be"}, r"/([^/]+)/?"),
    ("x", _X_HOSTS, r"/[A-Za-z0-9_]{1,15}/status/([^/]+)/?"),
]

# Elements whose whole content goes, not only the tags.
DROP_WITH_CONTENT = re.compile(
    r"<(script|style|template|iframe|object|embed|noscript|svg|math|textarea|select)\b.*?"
    r"(</\1\s*>|$)",
    re.IGNORECASE | re.DOTALL,
)


def embed_for_url(url):
    """Return ``(provider, post_id)`` for the address of a post we can embed, else None.

    Recognised: tiktok.com/@user/video/ID, instagram.com/p/ID and /reel/ID,
    youtube.com/watch?v=ID, youtu.be/ID, youtube.com/shorts/ID and
    x.com or twitter.com/user/status/ID. The id must match the provider's format.
    """
    try:
        parts = urlsplit(unescape(url.strip()))
    except ValueError:
        return None
    host = parts.hostname or ""
    if parts.scheme not in {"http", "https"} or parts.netloc.lower() != host:
        return None  # no port, no user name: only the provider's own address
    found = None
    if host in _YOUTUBE_HOSTS and parts.path in {"/watch", "/watch/"}:
        ids = parse_qs(parts.query).get("v", [])
        found = ("youtube", ids[0]) if len(ids) == 1 else None
    for provider, hosts, path in _EMBED_PATHS:
        if found is None and host in hosts and (match := re.fullmatch(path, parts.path)):
            found = (provider, match[1])
    if found and EMBED_IDS[found[0]].fullmatch(found[1]):
        return found
    return None


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


def _attr(token, name):
    return token["data"].get((None, name), "")


def _until_end(tokens, name):
    """The tokens up to and including the end of the element just opened."""
    depth = 1
    for token in tokens:
        yield token
        if token.get("name") == name:
            depth += {"StartTag": 1, "EndTag": -1}.get(token["type"], 0)
            if depth == 0:
                return


def _text_of(tokens):
    """The text of a run of tokens, or None if it holds any element."""
    text = []
    for token in tokens:
        if token["type"] in {"Characters", "SpaceCharacters"}:
            text.append(token["data"])
        elif token["type"] == "Entity":
            text.append(unescape(f"&{token['name']};"))
        else:
            return None
    return "".join(text)


def _is_blank(token):
    text = _text_of([token])
    return text is not None and not text.strip()


def embed_tokens(provider, post_id, href, caption=""):
    """The canonical placeholder card for one post, as html5lib tokens."""
    yield {
        "type": "StartTag",
        "name": "figure",
        "data": {
            (None, "class"): "embed",
            (None, "data-provider"): provider,
            (None, "data-embed-id"): post_id,
        },
    }
    yield {
        "type": "StartTag",
        "name": "a",
        "data": {(None, "class"): "embed-link", (None, "href"): href},
    }
    yield {"type": "Characters", "data": EMBED_LINK_TEXT[provider]}
    yield {"type": "EndTag", "name": "a", "data": {}}
    if caption:
        yield {"type": "StartTag", "name": "figcaption", "data": {}}
        yield {"type": "Characters", "data": caption}
        yield {"type": "EndTag", "name": "figcaption", "data": {}}
    yield {"type": "EndTag", "name": "figure", "data": {}}


def paragraph_embed(tokens):
    """``(provider, post_id, href, caption)`` if a paragraph's inner tokens are only a
    link to a post (its text, unless it is the address, is the caption) or only a
    post's address; else None."""
    inner = list(tokens)
    while inner and _is_blank(inner[0]):
        inner.pop(0)
    while inner and _is_blank(inner[-1]):
        inner.pop()
    if len(inner) >= 2 and inner[0]["type"] == "StartTag" and inner[0]["name"] == "a":
        if inner[-1]["type"] != "EndTag" or inner[-1]["name"] != "a":
            return None
        text = _text_of(inner[1:-1])
        href = _attr(inner[0], "href")
        caption = (text or "").strip()
        if text is None or not (found := embed_for_url(href)):
            return None
        if embed_for_url(caption) or embed_for_url(f"https://{caption}"):
            caption = ""  # the link shows its own address: there is no caption
        return (*found, href, caption)
    text = (_text_of(inner) or "").strip()
    if found := embed_for_url(text):
        return (*found, text, "")
    return None


class StoryMarkupFilter(Filter):
    """Turns the editor's call-outs, attributions and post links into the canonical
    markup (see the module's docstring) and gives each placeholder card the post id
    read from its link, which is the only id ever trusted."""

    def __iter__(self):
        return self._rewrite(iter(super().__iter__()), parents=[])

    def _rewrite(self, tokens, parents):
        for token in tokens:
            kind, name = token["type"], token.get("name")
            if kind == "StartTag" and name == "p":
                yield from self._paragraph(token, list(_until_end(tokens, "p")), parents)
            elif kind == "StartTag" and name == "figure" and _attr(token, "class") == "embed":
                yield from self._embed_figure(token, list(_until_end(tokens, "figure")), parents)
            elif kind == "StartTag":
                if name == "blockquote" and _attr(token, "class") == "callout":
                    token = {**token, "name": "aside", "data": {(None, "class"): "callout"}}
                parents.append(token["name"])
                yield token
            elif kind == "EndTag" and parents:
                yield {**token, "name": parents.pop()}
            else:
                yield token

    def _paragraph(self, start, rest, parents):
        inner, end = rest[:-1], rest[-1:]
        if embed := paragraph_embed(inner):
            yield from embed_tokens(*embed)
            return
        name = "p"
        if _attr(start, "class") == "attribution" and parents[-1:] == ["blockquote"]:
            name = "cite"
        yield {**start, "name": name, "data": {}}
        yield from inner
        yield from ({**token, "name": name} for token in end)

    def _embed_figure(self, start, rest, parents):
        link = next((t for t in rest if t["type"] == "StartTag" and t["name"] == "a"), None)
        found = embed_for_url(_attr(link, "href")) if link else None
        if found:
            provider, post_id = found
            start = {
                **start,
                "data": {
                    (None, "class"): "embed",
                    (None, "data-provider"): provider,
                    (None, "data-embed-id"): post_id,
                },
            }
        yield start
        yield from self._rewrite(iter(rest[:-1]), parents=[*parents, "figure"])
        yield rest[-1]


class EditorMarkupFilter(Filter):
    """The reverse of StoryMarkupFilter, for a body opened in the story editor: a
    call-out, a quote's ``<cite>`` and a placeholder card written the editor's way,
    so that opening and saving a story keeps them."""

    def __iter__(self):
        tokens, parents = iter(super().__iter__()), []
        for token in tokens:
            kind, name = token["type"], token.get("name")
            if kind == "StartTag" and name == "figure" and _attr(token, "class") == "embed":
                yield from self._embed_paragraph(list(_until_end(tokens, "figure")))
                continue
            if kind == "StartTag":
                if name == "aside" and _attr(token, "class") == "callout":
                    token = {**token, "name": "blockquote", "data": {(None, "class"): "callout"}}
                elif name == "cite" and parents[-1:] == ["blockquote"]:
                    token = {**token, "name": "p", "data": {(None, "class"): "attribution"}}
                parents.append(token["name"])
            elif kind == "EndTag" and parents:
                token = {**token, "name": parents.pop()}
            yield token

    def _embed_paragraph(self, tokens):
        link = next((t for t in tokens if t["type"] == "StartTag" and t["name"] == "a"), None)
        href = _attr(link, "href") if link else ""
        caption, in_caption = [], False
        for token in tokens:
            if token.get("name") == "figcaption":
                in_caption = token["type"] == "StartTag"
            elif in_caption and (text := _text_of([token])):
                caption.append(text)
        text = " ".join("".join(caption).split()) or unescape(href)
        if not text:
            return
        yield {"type": "StartTag", "name": "p", "data": {}}
        if href:
            yield {"type": "StartTag", "name": "a", "data": {(None, "href"): href}}
        yield {"type": "Characters", "data": text}
        if href:
            yield {"type": "EndTag", "name": "a", "data": {}}
        yield {"type": "EndTag", "name": "p", "data": {}}


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
    filters=[StoryMarkupFilter, LibraryImageFilter],
)


def sanitize_body(html):
    """Return the story body reduced to the allowlist, safe to render as is."""
    if not html:
        return ""
    html = html.replace("\x00", "")
    html = DROP_WITH_CONTENT.sub("", html)
    return _cleaner.clean(html).strip()


_editor_cleaner = bleach.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=_allowed_attribute,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
    filters=[EditorMarkupFilter],
)


def editable_body(html):
    """Return a stored body as the story editor should load it: the same allowlist,
    with call-outs, attributions and placeholder cards in the editor's own terms."""
    if not html:
        return ""
    html = DROP_WITH_CONTENT.sub("", html.replace("\x00", ""))
    return _editor_cleaner.clean(html).strip()


_TAG = re.compile(r"<[^>]+>")
_BLOCK_END = re.compile(r"</(p|h[1-6]|li|blockquote|figcaption|aside|pre)>", re.IGNORECASE)


def html_to_text(html):
    """Plain text of sanitized HTML, for search, excerpts and reading time."""
    text = _BLOCK_END.sub("\n", html)
    text = unescape(_TAG.sub(" ", text))
    return re.sub(r"[ \t]+", " ", re.sub(r"\s*\n\s*", "\n", text)).strip()
