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

from .embeds import described_card, embed_card, embed_for_url, paragraph_embed
from .pictures import library_picture
from .tree import Element


def story_markup(nodes, pictures, parents=(), posts=None):
    """The site's markup for a story's nodes: the editor's call-outs, attributions and
    post links become the canonical markup (see the module's docstring), each card gets
    the post id read from its link (the only id ever trusted), a library <img> becomes
    its <picture> and any other goes, outside links get ``rel="noopener"`` and a
    call-out is a note within the story, not a page landmark. A card of a post
    ``posts`` (a mapping from (provider, post id) to its SocialPost) describes shows
    its poster, author and first line."""
    posts = {} if posts is None else posts
    result = []
    for node in nodes:
        if isinstance(node, str):
            result.append(node)
        elif node.name == "img":
            result.extend(filter(None, [library_picture(node, pictures)]))
        else:
            node = _canonical(node, parents)
            if node.name == "aside":
                node.attrs["role"] = "note"
            elif node.name == "a" and node.get("href").startswith(("http://", "https://")):
                node.attrs["rel"] = "noopener"
            node.children = story_markup(node.children, pictures, (*parents, node.name), posts)
            if node.name == "figure" and node.get("data-embed-id"):
                key = (node.get("data-provider"), node.get("data-embed-id"))
                described_card(node, posts.get(key))
            result.append(node)
    return result


def _canonical(node, parents):
    name, classes = node.name, node.get("class")
    if name == "p" and (embed := paragraph_embed(node.children)):
        return embed_card(*embed)
    if name == "p":
        within_quote = parents[-1:] == ("blockquote",)
        return Element(
            "cite" if classes == "attribution" and within_quote else "p", {}, node.children
        )
    if name == "figure" and classes == "embed":
        links = (embed_for_url(link.get("href")) for link in node.elements("a"))
        if found := next(filter(None, links), None):
            provider, post_id = found
            node.attrs = {"class": "embed", "data-provider": provider, "data-embed-id": post_id}
    elif name == "blockquote" and classes == "callout":
        return Element("aside", {"class": "callout"}, node.children)
    return node


def editor_markup(nodes, parents=()):
    """The reverse of ``story_markup``, for a body opened in the story editor: a
    call-out, a quote's ``<cite>`` and a placeholder card written the editor's way, so
    that opening and saving a story keeps them."""
    result = []
    for node in nodes:
        if isinstance(node, str):
            result.append(node)
            continue
        classes = node.get("class")
        if node.name == "figure" and classes == "embed":
            result.extend(_embed_paragraph(node))
            continue
        if node.name == "aside" and classes == "callout":
            node = Element("blockquote", {"class": "callout"}, node.children)
        elif node.name == "cite" and parents[-1:] == ("blockquote",):
            node = Element("p", {"class": "attribution"}, node.children)
        node.children = editor_markup(node.children, (*parents, node.name))
        result.append(node)
    return result


def _text(nodes):
    return "".join(node if isinstance(node, str) else _text(node.children) for node in nodes)


def _embed_paragraph(card):
    href = next(filter(None, (link.get("href") for link in card.elements("a"))), "")
    caption = "".join(_text(part.children) for part in card.elements("figcaption"))
    text = " ".join(caption.split()) or href
    if not text:
        return []
    if href:
        return [Element("p", children=[Element("a", {"href": href}, [text])])]
    return [Element("p", children=[text])]
