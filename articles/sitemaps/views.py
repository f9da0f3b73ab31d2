from django.http import Http404, HttpResponse
from django.views.decorators.http import require_safe

from doggydiary.caching import set_reader_cache_headers
from doggydiary.site import site_url

from . import render
from .catalogue import path_for
from .entries import file_entries, index_entries


def _xml(request, text):
    response = HttpResponse(text, content_type="application/xml")
    return set_reader_cache_headers(request, response)


@require_safe
def sitemap_index(request):
    path = path_for("sitemaps:file", "name")
    files = [(path(name), lastmod) for name, lastmod in index_entries()]
    return _xml(request, render.sitemap_index(site_url(request), files))


@require_safe
def sitemap_file(request, name):
    entries = file_entries(name)
    if not entries:
        raise Http404("No such sitemap.")
    return _xml(request, render.urlset(site_url(request), entries))
