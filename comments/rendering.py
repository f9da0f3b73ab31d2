"""A comment's body is plain text: paragraphs and line breaks kept, web addresses
linked with rel="nofollow ugc noopener", everything else shown exactly as typed."""

import re

from bleach.linkifier import TLDS, Linker, build_url_re
from django.utils.html import escape

_PARAGRAPHS = re.compile(r"\n\s*\n")
_URL_IN_TEXT = re.compile(r"(https?://|www\.)\S", re.IGNORECASE)


def _set_rel(attrs, new=False):
    href = attrs.get((None, "href"), "")
    if not href.lower().startswith(("http://", "https://")):
        return None  # only web links; anything else stays text
    attrs[(None, "rel")] = "nofollow ugc noopener"
    return attrs


# bleach knows the common top-level domains; "example" is added for demo content.
_linker = Linker(
    url_re=build_url_re(tlds=sorted({*TLDS, "example"}, reverse=True)),
    callbacks=[_set_rel],
    parse_email=False,
)


def clean_text(text):
    """Normalise what was typed: unix newlines, no NULs or other control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(ch for ch in text if ch in "\n\t" or ch >= " " and ch != "\x7f").strip()


def render_body(text):
    paragraphs = [p.strip() for p in _PARAGRAPHS.split(clean_text(text)) if p.strip()]
    html = "".join(
        "<p>" + escape(paragraph).replace("\n", "<br>\n") + "</p>" for paragraph in paragraphs
    )
    # The input is already escaped text; linkify only turns bare addresses into links.
    return _linker.linkify(html)


def count_links(text):
    return len(_URL_IN_TEXT.findall(text))
