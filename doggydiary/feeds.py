"""RSS 2.0 and Atom 1.0 written as text.

Django's syndication framework spends most of a feed's time on per-item calls and
an XML writer; twenty entries need neither. Every app describes its feeds as a
``Channel`` and ``Entry`` values and this module writes them.

What each value means is fixed here, so no feed can get it wrong: titles, names
and descriptions are plain text; ``Entry.summary_html`` is HTML that is safe to
show (sanitized markup, or plain text escaped with ``html.escape``), declared as
HTML in both formats. Everything is escaped once more for XML, and characters
XML 1.0 cannot carry (most control characters) are dropped.
"""

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from xml.sax.saxutils import escape, quoteattr

from django.http import Http404, HttpResponse
from django.utils import timezone

from .site import site_url

RSS_TYPE = "application/rss+xml; charset=utf-8"
ATOM_TYPE = "application/atom+xml; charset=utf-8"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class Channel:
    title: str
    link: str  # the page the feed follows, absolute
    description: str
    feed_link: str  # the feed's own address, absolute
    language: str = "en"


@dataclass(frozen=True)
class Entry:
    title: str
    link: str  # absolute; also the entry's id
    published: datetime
    summary_html: str
    updated: datetime | None = None
    author_name: str = ""
    author_link: str = ""
    categories: tuple[str, ...] = ()


def _text(value):
    return escape(_NOT_XML.sub("", value))


def _attr(value):
    return quoteattr(_NOT_XML.sub("", value))


def _utc(moment):
    return moment.astimezone(UTC)


def rss(channel, entries):
    newest = max((e.updated or e.published for e in entries), default=None)
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>',
        f"<title>{_text(channel.title)}</title>",
        f"<link>{_text(channel.link)}</link>",
        f"<description>{_text(channel.description)}</description>",
        f'<atom:link href={_attr(channel.feed_link)} rel="self"/>',
        f"<language>{_text(channel.language)}</language>",
    ]
    if newest:
        parts.append(f"<lastBuildDate>{format_datetime(_utc(newest))}</lastBuildDate>")
    for entry in entries:
        parts.append(
            f"<item><title>{_text(entry.title)}</title>"
            f"<link>{_text(entry.link)}</link>"
            f"<description>{_text(entry.summary_html)}</description>"
        )
        if entry.author_name:
            parts.append(f"<dc:creator>{_text(entry.author_name)}</dc:creator>")
        parts.append(
            f"<pubDate>{format_datetime(_utc(entry.published))}</pubDate>"
            f'<guid isPermaLink="true">{_text(entry.link)}</guid>'
        )
        parts.extend(f"<category>{_text(name)}</category>" for name in entry.categories)
        parts.append("</item>")
    parts.append("</channel></rss>\n")
    return "".join(parts)


def atom(channel, entries):
    newest = max((e.updated or e.published for e in entries), default=timezone.now())
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang={_attr(channel.language)}>',
        f"<title>{_text(channel.title)}</title>",
        f"<subtitle>{_text(channel.description)}</subtitle>",
        f'<link href={_attr(channel.link)} rel="alternate"/>',
        f'<link href={_attr(channel.feed_link)} rel="self"/>',
        f"<id>{_text(channel.link)}</id>",
        f"<updated>{_utc(newest).isoformat()}</updated>",
    ]
    for entry in entries:
        parts.append(
            f"<entry><title>{_text(entry.title)}</title>"
            f'<link href={_attr(entry.link)} rel="alternate"/>'
            f"<published>{_utc(entry.published).isoformat()}</published>"
            f"<updated>{_utc(entry.updated or entry.published).isoformat()}</updated>"
        )
        if entry.author_name:
            uri = f"<uri>{_text(entry.author_link)}</uri>" if entry.author_link else ""
            parts.append(f"<author><name>{_text(entry.author_name)}</name>{uri}</author>")
        parts.append(
            f"<id>{_text(entry.link)}</id>"
            f'<summary type="html">{_text(entry.summary_html)}</summary>'
        )
        parts.extend(f"<category term={_attr(name)}/>" for name in entry.categories)
        parts.append("</entry>")
    parts.append("</feed>\n")
    return "".join(parts)


class Feed:
    """A feed view: one instance per format (``Feed(atom=True)`` for Atom).
    Subclasses give ``get_object`` (may raise Http404), ``channel`` and ``entries``;
    both get the site's address as ``base``. With ``only_with_entries``, a feed with
    nothing in it is a 404 (a tag or an author that only drafts have so far)."""

    only_with_entries = False

    def __init__(self, atom=False):
        self.atom = atom

    def get_object(self, request, **kwargs):
        return None

    def channel(self, obj, base, feed_path):
        raise NotImplementedError

    def entries(self, obj, base):
        raise NotImplementedError

    def __call__(self, request, **kwargs):
        obj = self.get_object(request, **kwargs)
        base = site_url(request)
        channel = self.channel(obj, base, base + request.path)
        entries = list(self.entries(obj, base))
        if self.only_with_entries and not entries:
            raise Http404("Nothing published here yet.")
        if self.atom:
            return HttpResponse(atom(channel, entries), content_type=ATOM_TYPE)
        return HttpResponse(rss(channel, entries), content_type=RSS_TYPE)
