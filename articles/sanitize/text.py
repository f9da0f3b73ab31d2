"""Plain text of a sanitized body."""

import re
from html import unescape

_TAG = re.compile(r"<[^>]+>")
_BLOCK_END = re.compile(r"</(p|h[1-6]|li|blockquote|figcaption|aside|pre)>", re.IGNORECASE)


def html_to_text(html):
    """Plain text of sanitized HTML, for search, excerpts and reading time: one line
    per block (a paragraph, a heading, a list item...), so that search snippets can
    tell where one ends. A line break within a block's source is only a space."""
    text = _BLOCK_END.sub("\n", re.sub(r"\s+", " ", html))
    text = unescape(_TAG.sub(" ", text))
    return re.sub(r"[ \t]+", " ", re.sub(r"\s*\n\s*", "\n", text)).strip()
