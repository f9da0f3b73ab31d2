"""A WordPress body made into a story body: block comments removed, shortcodes
expanded (``shortcodes``), ``wpautop``'s paragraphs from bare newlines, an address alone
on a line made an embed, ``<!--more-->`` dropped, every uploads address (sized copies
included) pointed at the library's picture and links to the old site made relative, so
that its old addresses (which redirect) carry them. The site's sanitizer runs after
this, on save, as for any story."""

import re
from html import escape, unescape
from urllib.parse import urlsplit

from django.conf import settings

from .shortcodes import Shortcodes

_BLOCK_COMMENT = re.compile(r"<!--\s*/?wp:.*?-->", re.DOTALL)
_OTHER_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
# An embed block keeps its address as text in a wrapper: the address alone is enough.
_EMBED_BLOCK = re.compile(
    r"<figure\b[^>]*\bwp-block-embed\b[^>]*>.*?(https?://[^\s<\"']+).*?</figure>",
    re.DOTALL | re.IGNORECASE,
)
_BLOCKS = (
    "table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|"
    "map|area|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section|article|"
    "aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary|picture|"
    "iframe|audio|video|object|script"
)
_BLOCK_OPEN = re.compile(rf"(<(?:{_BLOCKS})[\s/>])", re.IGNORECASE)
_BLOCK_CLOSE = re.compile(rf"(</(?:{_BLOCKS})>)", re.IGNORECASE)
_STARTS_BLOCK = re.compile(rf"^</?(?:{_BLOCKS})[\s/>]", re.IGNORECASE)
_PRE = re.compile(r"<pre\b.*?</pre>", re.DOTALL | re.IGNORECASE)
_BARE_URL = re.compile(r"^(?:https?://[^\s<>\"']+)$")
_URL_ATTR = re.compile(r"""\b(src|href)\s*=\s*(["'])(.*?)\2""", re.IGNORECASE | re.DOTALL)
_SRCSET = re.compile(r"""\s(?:srcset|sizes)\s*=\s*(["']).*?\1""", re.IGNORECASE | re.DOTALL)


def autop(text):
    """WordPress's ``wpautop``, in short: a blank line ends a paragraph, a single newline
    is a line break, and block-level elements are left as they are."""
    kept = []

    def keep(match):
        kept.append(match[0])
        return f"\n\n<pre>{len(kept) - 1}</pre>\n\n"

    text = _PRE.sub(keep, text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _BLOCK_OPEN.sub(r"\n\n\1", text)
    text = _BLOCK_CLOSE.sub(r"\1\n\n", text)
    chunks = []
    for chunk in re.split(r"\n\s*\n", text):
        chunk = chunk.strip()
        if not chunk:
            continue
        if _BARE_URL.match(chunk):
            chunks.append(f'<p><a href="{escape(chunk)}">{escape(chunk)}</a></p>')
        elif _STARTS_BLOCK.match(chunk):
            chunks.append(chunk)
        else:
            chunks.append("<p>" + re.sub(r"\s*\n\s*", "<br>\n", chunk) + "</p>")
    html = "\n".join(chunks)
    return re.sub(r"<pre>(\d+)</pre>", lambda m: kept[int(m[1])], html)


def _embed_paragraph(match):
    url = escape(unescape(match[1]))
    return f'\n\n<p><a href="{url}">{url}</a></p>\n\n'


class BodyMaker:
    """Makes story bodies for one import; ``pictures`` is the ``media.Library``,
    ``site_hosts`` the old site's host names (its links become relative)."""

    def __init__(self, pictures, site_hosts, unknown):
        self.pictures = pictures
        self.site_hosts = {host.lower() for host in site_hosts if host}
        self.shortcodes = Shortcodes(pictures, unknown)
        self.missing = set()  # picture addresses the library does not have

    def make(self, content, post_id=""):
        blocks = "<!-- wp:" in content
        text = _EMBED_BLOCK.sub(_embed_paragraph, content)
        text = _BLOCK_COMMENT.sub("", text)
        text = _OTHER_COMMENT.sub("", text)  # <!--more-->, <!--nextpage--> and the rest
        text = self.shortcodes.expand(text, post_id)
        if not blocks:
            text = autop(text)
        text = _SRCSET.sub("", text)
        return _URL_ATTR.sub(self._address, text).strip()

    def _address(self, match):
        name, quote, value = match[1].lower(), match[2], match[3]
        url = unescape(value).strip()
        if url.startswith(settings.MEDIA_URL):
            return match[0]  # a library picture already (a gallery's)
        image = self.pictures.find(url)
        if image is not None:
            new = self.pictures.url(image)
        elif name == "src":
            if url:
                self.missing.add(url)
            new = url
        else:
            new = self._relative(url)
        return f"{match[1]}={quote}{escape(new)}{quote}"

    def _relative(self, url):
        try:
            parts = urlsplit(url)
            host = (parts.hostname or "").encode("idna").decode("ascii")
        except (ValueError, UnicodeError):
            return url
        if parts.scheme in {"http", "https"} and host.lower() in self.site_hosts:
            path = parts.path or "/"
            return (
                path
                + (f"?{parts.query}" if parts.query else "")
                + (f"#{parts.fragment}" if parts.fragment else "")
            )
        return url
