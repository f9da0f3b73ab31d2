"""Reading a WXR file as a stream: ``iterparse``, each element cleared once handled,
so memory stays flat however large the export is.

WXR 1.0, 1.1 and 1.2 differ in their namespace (``http(s)://wordpress.org/export/1.x/``);
every spelling is read as ``wp:``. An element in any other namespace, even one bound
to the ``wp`` prefix, is not WordPress's and is ignored.
"""

import os
import re
import xml.etree.ElementTree as ET  # noqa: S405 (expat: no external entities, see docs)
from dataclasses import dataclass, field
from functools import lru_cache

_WP = re.compile(r"^https?://wordpress\.org/export/1\.\d+/$")
_EXCERPT = re.compile(r"^https?://wordpress\.org/export/1\.\d+/excerpt/$")
_KNOWN = {
    "http://purl.org/rss/1.0/modules/content/": "content",
    "http://purl.org/dc/elements/1.1/": "dc",
}
CHANNEL_TERMS = {"wp:author": "authors", "wp:category": "categories", "wp:tag": "tags"}


class MalformedExport(ValueError):
    """The file is not well-formed XML (or not a WordPress export): nothing is imported."""


@lru_cache(maxsize=512)
def short(tag):
    """``wp:post_id`` for ``{http://wordpress.org/export/1.2/}post_id``; other
    namespaces keep their ``{uri}`` form, so they never match a WordPress name."""
    if not isinstance(tag, str) or not tag.startswith("{"):
        return tag
    uri, _, local = tag[1:].partition("}")
    if _WP.match(uri):
        return f"wp:{local}"
    if _EXCERPT.match(uri):
        return f"excerpt:{local}"
    prefix = _KNOWN.get(uri.replace("https://", "http://", 1))
    return f"{prefix}:{local}" if prefix else tag


def _fields(element):
    """The text of each WordPress child, by short name (the first of each)."""
    found = {}
    for child in element:
        found.setdefault(short(child.tag), child.text or "")
    return found


def _meta(element):
    key = value = ""
    for child in element:
        name = short(child.tag)
        if name == "wp:meta_key":
            key = (child.text or "").strip()
        elif name == "wp:meta_value":
            value = child.text or ""
    return key, value


@dataclass(slots=True)
class Item:
    """One ``<item>``: a post, page, attachment or anything else WordPress exports."""

    fields: dict
    categories: list = field(default_factory=list)  # (domain, nicename, name)
    meta: dict = field(default_factory=dict)  # key -> [values]
    comments: list = field(default_factory=list)  # dicts of a comment's fields

    def get(self, name, default=""):
        return self.fields.get(name, default)

    @property
    def wp_id(self):
        return self.get("wp:post_id").strip()

    @property
    def post_type(self):
        return self.get("wp:post_type", "post").strip() or "post"

    def first_meta(self, key, default=""):
        values = self.meta.get(key)
        return values[0] if values else default


def read_item(element):
    item = Item(fields={})
    for child in element:
        name = short(child.tag)
        if name == "category":
            item.categories.append(
                (child.get("domain", ""), child.get("nicename", ""), child.text or "")
            )
        elif name == "wp:postmeta":
            key, value = _meta(child)
            item.meta.setdefault(key, []).append(value)
        elif name == "wp:comment":
            item.comments.append(_comment(child))
        else:
            item.fields.setdefault(name, child.text or "")
    return item


def _comment(element):
    found = {"meta": {}}
    for child in element:
        name = short(child.tag)
        if name == "wp:commentmeta":
            key, value = _meta(child)
            found["meta"][key] = value
        else:
            found.setdefault(name, child.text or "")
    return found


class Reader:
    """Events of one pass over the file: ``("channel", name, text)``, ``("authors" |
    "categories" | "tags", fields)`` and ``("item", Item)``. ``position`` and ``size``
    say how far through the file the pass is, in bytes."""

    def __init__(self, path):
        self.path = path
        self.size = os.path.getsize(path)
        self.position = 0

    def __iter__(self):
        with open(self.path, "rb") as stream:
            try:
                yield from self._events(stream)
            except ET.ParseError as error:
                line, column = error.position
                raise MalformedExport(
                    f"The file is not well-formed XML at line {line}, column {column + 1} "
                    f"({str(error).rsplit(': line', 1)[0]}). It may be cut short "
                    "or written by a very old exporter; export it again from WordPress. "
                    "Nothing was imported."
                ) from None

    def _events(self, stream):
        depth, channel, rss = 0, None, False
        for event, element in ET.iterparse(stream, events=("start", "end")):  # noqa: S314
            if event == "start":
                depth += 1
                if depth == 1:
                    rss = element.tag == "rss"
                elif depth == 2 and element.tag == "channel":
                    channel = element
                continue
            depth -= 1
            if depth != 2 or channel is None:
                continue
            self.position = stream.tell()
            yield from self._channel_child(element)
            channel.clear()  # handled: let it go
        if not rss or channel is None:
            raise MalformedExport(
                "This is not a WordPress export (no <rss><channel>). In WordPress, use "
                "Tools → Export → All content. Nothing was imported."
            )

    def _channel_child(self, element):
        name = short(element.tag)
        if name == "item":
            yield ("item", read_item(element))
        elif name in CHANNEL_TERMS:
            yield (CHANNEL_TERMS[name], _fields(element))
        elif not list(element):
            yield ("channel", name, (element.text or "").strip())
