"""A page of search results, the same on every database.

The cost of a search is bounded however many stories match. Only a window is
ranked: the ``WINDOW`` most recently filed (highest id) published stories that
have every word the query asks for (a phrase's words anywhere) and none of the
single words it excludes. Phrases and excluded phrases are then checked within
that window, and what is left is ranked by relevance, newer first on equal rank.
Both databases apply this same rule, so they find the same stories. Pages are
"more results" links (one row more than a page is read), never a count of matches.
"""

import re
from dataclasses import dataclass

from django.db import connection
from django.utils.html import escape
from django.utils.safestring import mark_safe

from ..models import Article
from . import postgres, sqlite
from .index import MARK_END, MARK_START
from .query import Query

WINDOW = 500
_MARKED = re.compile(f"{MARK_START}([^{MARK_START}{MARK_END}]*){MARK_END}")


@dataclass
class Results:
    number: int
    object_list: list  # the page's stories, each with a marked snippet
    has_next: bool
    suggestion: Query | None = None

    @property
    def has_previous(self):
        return self.number > 1


def marked(snippet):
    """HTML of a snippet: its text escaped, the matches between the marks in <mark>."""
    html = _MARKED.sub(r"<mark>\1</mark>", escape(snippet or ""))
    return mark_safe(html.replace(MARK_START, "").replace(MARK_END, ""))


def _engine():
    return postgres if connection.vendor == "postgresql" else sqlite


def find(query, number, per_page):
    """Page ``number`` of the published stories matching ``query``, each with a
    marked ``snippet``; None when there is no such page."""
    engine = _engine()
    offset = (number - 1) * per_page
    if offset >= WINDOW:
        return None
    ids = engine.ranked_ids(query, window=WINDOW, offset=offset, limit=per_page + 1)
    if not ids:
        if number > 1:
            return None
        return Results(number, [], has_next=False, suggestion=engine.suggestion(query))
    shown = ids[:per_page]
    stories = engine.with_snippets(Article.objects.published().for_listing(), query)
    found = stories.in_bulk(shown)
    page = [found[pk] for pk in shown if pk in found]
    for story in page:
        story.snippet = marked(story.snippet)
    return Results(number, page, has_next=len(ids) > per_page)
