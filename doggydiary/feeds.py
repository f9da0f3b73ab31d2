"""What every feed of the site shares, on Django's syndication framework.

Each app's feeds subclass ``Feed`` and give ``items`` and the channel's and items'
values as plain text, except ``item_description``, which is HTML that is safe to show
(sanitized markup, or plain text escaped with ``html.escape``). What each value is
becomes fixed here, whatever a feed returns: titles, names and categories stay plain
text (escaped once, for XML); RSS's channel description, which readers show as HTML,
is escaped for HTML first (Atom says its subtitle is text); an item's HTML is
declared as HTML in both formats. Characters XML 1.0 cannot carry (most control
characters) are dropped rather than failing the whole feed.
"""

import copy
import re
from html import escape

from django.contrib.syndication import views as syndication
from django.http import Http404
from django.utils import feedgenerator

from .site import site_url

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
DUBLIN_CORE = "http://purl.org/dc/elements/1.1/"


def xml_text(value):
    """``value`` without the characters XML 1.0 cannot carry."""
    return _NOT_XML.sub("", value or "")


class RssFeed(feedgenerator.Rss201rev2Feed):
    """RSS 2.0 with the Dublin Core namespace declared once, on the root, for each
    item's ``dc:creator`` (Django's own writer repeats it on every item)."""

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:dc": DUBLIN_CORE}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "author_name": None})
        if item["author_name"] and not item["author_email"]:
            handler.addQuickElement("dc:creator", item["author_name"])


class Feed(syndication.Feed):
    """A feed view: one instance per format (``Feed(atom=True)`` for Atom). Subclasses
    give ``channel_title``, ``channel_link``, ``channel_description`` (plain text, from
    the feed's object), ``items`` and the ``item_*`` values; ``self.base`` is the
    site's public address for the request. With ``only_with_entries``, a feed with
    nothing in it is a 404 (a tag or an author that only drafts have so far)."""

    only_with_entries = False
    language = "en"
    item_guid_is_permalink = True

    def __init__(self, atom=False):
        super().__init__()
        self.feed_type = feedgenerator.Atom1Feed if atom else RssFeed
        self.base = ""
        self.path = ""

    def __call__(self, request, *args, **kwargs):
        # One copy per request: the view instance is shared by every thread.
        feed = copy.copy(self)
        feed.base, feed.path = site_url(request), request.path
        return syndication.Feed.__call__(feed, request, *args, **kwargs)

    def get_feed(self, obj, request):
        generator = super().get_feed(obj, request)
        if self.only_with_entries and not generator.items:
            raise Http404("Nothing published here yet.")
        return generator

    # The channel: plain text in, the right escaping out -------------------------

    def title(self, obj):
        return xml_text(self.channel_title(obj))

    def link(self, obj):
        return self.base + self.channel_link(obj)

    def feed_url(self, obj):
        return self.base + self.path

    def description(self, obj):
        return escape(xml_text(self.channel_description(obj)))  # RSS: read as HTML

    def subtitle(self, obj):
        return xml_text(self.channel_description(obj))  # Atom: type="text"

    # Every item: plain text, except its description ---------------------------

    def item_title(self, item):
        return xml_text(self.entry_title(item))

    def item_description(self, item):
        return xml_text(self.entry_html(item))

    def item_link(self, item):
        return self.base + item.get_absolute_url()

    def item_author_name(self, item):
        return xml_text(self.entry_author(item)) or None
