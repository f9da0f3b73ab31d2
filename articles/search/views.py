"""The search page, and the page for an address that leads nowhere."""

import re

from django.conf import settings
from django.db import DatabaseError
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from doggydiary.site import page_number

from .query import MAX_TERMS, STOPWORDS, parse
from .results import find, titled


@require_safe
def search(request):
    query = parse(request.GET.get("q", ""))
    number = page_number(request.GET.get("page"))
    results = find(query, number, settings.ARTICLES_PER_PAGE) if query else None
    if number > 1 and results is None:
        raise Http404("No such page.")
    return render(request, "articles/search.html", {"query": query, "page": results})


# The words of the site's own addresses, which say nothing of what was looked for.
ROUTE_WORDS = frozenset(["story", "category", "tag", "author", "feed", "atom", "search", "page"])


def _address_words(path):
    """The words of a missing address ("/story/foster-kitens/" gives "foster" and
    "kitens"), without the common ones."""
    words = [word.lower() for word in re.findall(r"[^\W\d_]+", path)]
    words = [w for w in words if len(w) > 2 and w not in STOPWORDS and w not in ROUTE_WORDS]
    return list(dict.fromkeys(words))[:MAX_TERMS]


def not_found(request, exception=None):
    """The 404 page, with the stories whose titles have the address's words."""
    try:
        stories = titled(_address_words(request.path))
    except DatabaseError:  # a database that cannot answer still gets a 404, not a 500
        stories = []
    return render(request, "404.html", {"stories": stories}, status=404)
