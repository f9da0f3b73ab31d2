"""A page of search results, the same on every database.

The cost of a search is bounded however many stories match. Only a window is
ranked: the ``WINDOW`` most recently filed (highest id) published stories that
have every word the query asks for (a phrase's words anywhere) and none of the
single words it excludes. Phrases and excluded phrases are then checked within
that window, and what is left is ranked by relevance, newer first on equal rank.
Both databases apply this same rule, so they find the same stories. Pages are
"more results" links (one row more than a page is read), never a count of matches.

"Did you mean": each word no published story has is swapped for the closest one
that some story has. When the typed query finds nothing, the page shows what the
respelt one finds; when it finds something, the respelling is offered as a link if
it finds something too.
"""

import re
from dataclasses import dataclass

from django.db import connection
from django.utils.html import escape
from django.utils.safestring import mark_safe

from ..models import Article
from . import postgres, sqlite
from .index import MARK_END, MARK_START
from .query import Query, parse

WINDOW = 500
_MARKED = re.compile(f"{MARK_START}([^{MARK_START}{MARK_END}]*){MARK_END}")
# A line break in a story's text ends a heading, a paragraph or a list item: where the
# block does not end a sentence itself, a full stop keeps the next from running on.
_OPEN_BLOCK_END = re.compile(r"(?<=[^\s.!?:;…\"”’)])[ \t]*\n\s*")
_BLOCK_END = re.compile(r"\s*\n\s*")


@dataclass
class Results:
    number: int
    object_list: list  # the page's stories, each with a marked snippet
    has_next: bool
    query: Query  # what the stories were found for: the typed query or its respelling
    suggestion: Query | None = None  # the respelling, if there is a better one

    @property
    def has_previous(self):
        return self.number > 1


def marked(snippet):
    """HTML of a snippet: its text escaped, the matches between the marks in <mark>,
    its blocks read as sentences."""
    text = _BLOCK_END.sub(" ", _OPEN_BLOCK_END.sub(". ", snippet or ""))
    html = _MARKED.sub(r"<mark>\1</mark>", escape(text))
    return mark_safe(html.replace(MARK_START, "").replace(MARK_END, ""))


def _engine():
    return postgres if connection.vendor == "postgresql" else sqlite


def _respelling(engine, query, *, found):
    """``query`` with its unknown words respelt, or None. When the typed query found
    stories, a word that finds some on its own (another form of a known word, say)
    is left as typed."""
    spelling = engine.closest(query.words())
    if found:
        spelling = {
            typed: known
            for typed, known in spelling.items()
            if not engine.ranked_ids(parse(typed), window=1, offset=0, limit=1)
        }
    return query.replaced(spelling) if spelling else None


def _page(engine, query, number, per_page, ids):
    shown = ids[:per_page]
    stories = engine.with_snippets(Article.objects.published().for_listing(), query)
    found = stories.in_bulk(shown)
    page = [found[pk] for pk in shown if pk in found]
    for story in page:
        story.snippet = marked(story.snippet)
    return Results(number, page, has_next=len(ids) > per_page, query=query)


def find(query, number, per_page):
    """Page ``number`` of the published stories matching ``query`` (or, when it finds
    none, its respelling), each with a marked ``snippet``; None when there is no
    such page."""
    engine = _engine()
    offset = (number - 1) * per_page
    if offset >= WINDOW:
        return None
    ids = engine.ranked_ids(query, window=WINDOW, offset=offset, limit=per_page + 1)
    if not ids and number > 1:
        return None
    respelt = _respelling(engine, query, found=bool(ids))
    if respelt is not None:
        respelt_ids = engine.ranked_ids(respelt, window=WINDOW, offset=0, limit=per_page + 1)
        respelt = respelt if respelt_ids else None
    if not ids and respelt is not None:
        results = _page(engine, respelt, number, per_page, respelt_ids)
    elif not ids:
        return Results(number, [], has_next=False, query=query)
    else:
        results = _page(engine, query, number, per_page, ids)
    results.suggestion = respelt
    return results


def titled(words, limit=5):
    """Up to ``limit`` published stories whose titles have any of ``words`` (each
    unknown one respelt), for a page that was not found."""
    engine = _engine()
    words = [word for word in words if word.isalnum()]
    if not words:
        return []
    spelling = engine.closest(words)
    words = list(dict.fromkeys(spelling.get(word, word) for word in words))
    ids = engine.titled_ids(words, window=WINDOW, limit=limit)
    found = Article.objects.published().for_listing().in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]
