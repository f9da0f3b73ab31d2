"""Social posts: which addresses we embed, and the placeholder card that stands for one.

A card loads nothing from the provider until the reader asks (``static/js/site.js``).
A post an editor has described (``articles.models.SocialPost``) shows its poster from
our own library, its author's name and its first line on the card, before anything
loads and if the player never does.
"""

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

from .pictures import picture_of
from .tree import Element, strip_blank, text_of

# A post's id as each provider writes it. Only these characters ever reach a
# player's address in static/js/site.js, which checks them again.
EMBED_IDS = {
    "tiktok": re.compile(r"[0-9]{15,21}"),
    "instagram": re.compile(r"[A-Za-z0-9_-]{5,40}"),
    "youtube": re.compile(r"[A-Za-z0-9_-]{11}"),
    "x": re.compile(r"[0-9]{1,20}"),
}
EMBED_PROVIDERS = set(EMBED_IDS)
PROVIDER_NAMES = {"tiktok": "TikTok", "instagram": "Instagram", "youtube": "YouTube", "x": "X"}
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


def embed_card(provider, post_id, href, caption=""):
    """The canonical placeholder card for one post."""
    link = Element("a", {"class": "embed-link", "href": href}, [EMBED_LINK_TEXT[provider]])
    card = Element(
        "figure",
        {"class": "embed", "data-provider": provider, "data-embed-id": post_id},
        [link],
    )
    if caption:
        card.children.append(Element("figcaption", children=[caption]))
    return card


def paragraph_embed(nodes):
    """``(provider, post_id, href, caption)`` if a paragraph's children are only a link
    to a post (its text, unless it is the address, is the caption) or only a post's
    address; else None."""
    inner = strip_blank(nodes)
    if len(inner) == 1 and isinstance(inner[0], Element) and inner[0].name == "a":
        link = inner[0]
        text = text_of(link.children)
        href = link.get("href")
        caption = (text or "").strip()
        if text is None or not (found := embed_for_url(href)):
            return None
        if embed_for_url(caption) or embed_for_url(f"https://{caption}"):
            caption = ""  # the link shows its own address: there is no caption
        return (*found, href, caption)
    text = (text_of(inner) or "").strip()
    if found := embed_for_url(text):
        return (*found, text, "")
    return None


def described_card(card, post):
    """Put what describes the post into ``card`` (a canonical card), in place of any
    description it had: its poster, then its author and first line as a quote."""
    card.children = [
        child
        for child in card.children
        if not (isinstance(child, Element) and child.name in {"picture", "img", "blockquote", "p"})
    ]
    if post is None:
        return
    details = []
    if post.author_name:
        details.append(Element("p", children=[Element("strong", children=[post.author_name])]))
    if post.first_line:
        details.append(Element("p", children=[post.first_line]))
    if details:
        card.children.insert(0, Element("blockquote", children=details))
    if post.poster is not None:
        by = f" by {post.author_name}" if post.author_name else ""
        name = PROVIDER_NAMES[card.get("data-provider")]
        alt = f"{post.poster.alt} (a still from the {name} post{by})"
        card.children.insert(0, picture_of(post.poster, alt))
