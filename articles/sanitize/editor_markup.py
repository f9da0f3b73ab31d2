"""The story editor's own terms and the site's canonical markup, both ways.

The story editor (``articles.editor``) writes a few things its own way; on save they
become the site's canonical markup:

- ``<blockquote class="callout">`` becomes ``<aside class="callout" role="note">``;
- ``<p class="attribution">`` directly inside a quote becomes its ``<cite>``;
- a paragraph that is nothing but a link (or a bare address) to a TikTok,
  Instagram, YouTube or X post becomes a placeholder card,
  ``<figure class="embed" data-provider=".." data-embed-id="..">`` (see ``embeds``).

A stored body opened in the editor goes the other way.
"""

from html import unescape

from bleach.html5lib_shim import Filter

from .embeds import embed_for_url, embed_tokens, paragraph_embed
from .tokens import attr, text_of, until_end


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
                yield from self._paragraph(token, list(until_end(tokens, "p")), parents)
            elif kind == "StartTag" and name == "figure" and attr(token, "class") == "embed":
                yield from self._embed_figure(token, list(until_end(tokens, "figure")), parents)
            elif kind == "StartTag":
                if name == "blockquote" and attr(token, "class") == "callout":
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
        if attr(start, "class") == "attribution" and parents[-1:] == ["blockquote"]:
            name = "cite"
        yield {**start, "name": name, "data": {}}
        yield from inner
        yield from ({**token, "name": name} for token in end)

    def _embed_figure(self, start, rest, parents):
        link = next((t for t in rest if t["type"] == "StartTag" and t["name"] == "a"), None)
        found = embed_for_url(attr(link, "href")) if link else None
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
            if kind == "StartTag" and name == "figure" and attr(token, "class") == "embed":
                yield from self._embed_paragraph(list(until_end(tokens, "figure")))
                continue
            if kind == "StartTag":
                if name == "aside" and attr(token, "class") == "callout":
                    token = {**token, "name": "blockquote", "data": {(None, "class"): "callout"}}
                elif name == "cite" and parents[-1:] == ["blockquote"]:
                    token = {**token, "name": "p", "data": {(None, "class"): "attribution"}}
                parents.append(token["name"])
            elif kind == "EndTag" and parents:
                token = {**token, "name": parents.pop()}
            yield token

    def _embed_paragraph(self, tokens):
        link = next((t for t in tokens if t["type"] == "StartTag" and t["name"] == "a"), None)
        href = attr(link, "href") if link else ""
        caption, in_caption = [], False
        for token in tokens:
            if token.get("name") == "figcaption":
                in_caption = token["type"] == "StartTag"
            elif in_caption and (text := text_of([token])):
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
