"""The search page."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from doggydiary.site import page_number

from .query import parse
from .results import find


@require_safe
def search(request):
    query = parse(request.GET.get("q", ""))
    number = page_number(request.GET.get("page"))
    results = find(query, number, settings.ARTICLES_PER_PAGE) if query else None
    if number > 1 and results is None:
        raise Http404("No such page.")
    return render(request, "articles/search.html", {"query": query, "page": results})
