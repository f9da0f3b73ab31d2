"""WordPress shortcodes in a body: ``[caption]`` becomes a figure with its caption,
``[gallery]`` the pictures, ``[embed]`` the address alone in a paragraph (which the
sanitizer turns into the site's embed card); any other is unwrapped (its content kept)
or removed, and named in the report.

Bracketed prose such as "[sic]" or "[1]" is not a shortcode: a name counts as one
only if WordPress knows it, it has attributes, it is closed (``[x]..[/x]`` or
``[x /]``), or its name has a ``_`` or ``-`` as plugins' names do.
"""

import re
from html import escape

KNOWN = {"caption", "wp_caption", "gallery", "embed", "audio", "video", "playlist"}
# WordPress's own pattern (get_shortcode_regex) for any name: [[x]] is an escaped one.
_SHORTCODE = re.compile(
    r"\[(\[?)([A-Za-z][\w-]*)(?![\w-])"
    r"([^\]/]*(?:/(?!\])[^\]/]*)*?)"
    r"(?:(/)\]|\](?:([^\[]*(?:\[(?!/\2\])[^\[]*)*)(\[/\2\]))?)"
    r"(\]?)"
)
_ATTR = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s'"]+))""")
_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_LINKED_IMG = re.compile(r"(<a\b[^>]*>\s*)?<img\b[^>]*>(\s*</a>)?", re.IGNORECASE)


def attributes(text):
    return {
        m[1].lower(): next(v for v in m.groups()[1:] if v is not None) for m in _ATTR.finditer(text)
    }


class Shortcodes:
    """Expands the shortcodes of bodies; ``pictures`` answers ``gallery`` ids."""

    def __init__(self, pictures, unknown):
        self.pictures = pictures
        self.unknown = unknown  # a Counter of names, for the report
        self.post_id = ""

    def expand(self, body, post_id=""):
        self.post_id = post_id
        return _SHORTCODE.sub(self._one, body)

    def _one(self, match):
        escaped_open, name, attrs, closed, content, closing, escaped_close = match.groups()
        if escaped_open and escaped_close:
            return escape(match[0][1:-1], quote=False)  # [[x]] shows [x] as text
        if not self._is_shortcode(name.lower(), attrs, closed or closing):
            return match[0]
        handler = getattr(self, f"_{name.lower()}", None)
        content = self.expand(content, self.post_id) if content else ""
        if handler is None:
            self.unknown[name.lower()] += 1
            return content
        return handler(attributes(attrs), content)

    @staticmethod
    def _is_shortcode(name, attrs, closed):
        return bool(name in KNOWN or closed or "=" in attrs or "_" in name or "-" in name)

    def _caption(self, attrs, content):
        image = _LINKED_IMG.search(content)
        caption = attrs.get("caption", "")
        if image:
            caption = caption or (content[: image.start()] + content[image.end() :]).strip()
            shown = image[0]
        else:
            shown = ""
        caption = f"<figcaption>{caption}</figcaption>" if caption.strip() else ""
        return f"\n\n<figure>{shown}{caption}</figure>\n\n"

    _wp_caption = _caption

    def _gallery(self, attrs, content):
        ids = [part.strip() for part in attrs.get("ids", attrs.get("include", "")).split(",")]
        figures = self.pictures.gallery([pk for pk in ids if pk] or None, self.post_id)
        return "".join(f"\n\n{figure}\n\n" for figure in figures)

    def _embed(self, attrs, content):
        url = content.strip() or attrs.get("src", "")
        return f"\n\n{url}\n\n" if url else ""

    def _audio(self, attrs, content):
        self.unknown["audio"] += 1
        return self._linked(attrs.get("src") or attrs.get("mp3") or attrs.get("wav", ""))

    def _video(self, attrs, content):
        self.unknown["video"] += 1
        return self._linked(attrs.get("src") or attrs.get("mp4") or attrs.get("webm", ""))

    def _playlist(self, attrs, content):
        self.unknown["playlist"] += 1
        return ""

    @staticmethod
    def _linked(url):
        """A recording the site cannot play: a link to it, so nothing is lost."""
        return f'\n\n<p><a href="{escape(url)}">{escape(url)}</a></p>\n\n' if url else ""
