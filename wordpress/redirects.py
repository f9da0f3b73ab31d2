"""Old addresses keep working: each post's and page's permalink (its ``<link>`` path,
dated or not), the same with each ``_wp_old_slug``, ``/?p=123`` and ``/?page_id=``,
category, tag and author archives and the uploads' own paths answer with a 301 to
what they became. ``OldAddressMiddleware`` answers them: ``?p=`` before the page cache
(which would serve the home page for it), every other path only when the site itself
has nothing there (a 404)."""

import logging
from urllib.parse import parse_qs, unquote, urlsplit

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpResponsePermanentRedirect
from django.urls import reverse
from taggit.models import Tag

from articles.models import Article, Author, Category, Image, Page

from .models import OldAddress, WordPressItem

logger = logging.getLogger(__name__)

MODELS = {
    "post": Article, "page": Page, "section": Category, "tag": Tag, "author": Author,
    "attachment": Image,
}  # fmt: skip
QUERY_KINDS = {"p": ["post", "page"], "page_id": ["page", "post"], "attachment_id": ["attachment"]}


def normal(path):
    """A path as it is looked up: decoded, without its trailing slash."""
    path = unquote(path or "")
    return path.rstrip("/") or "/"


def _page_url(page):
    url = getattr(page, "get_absolute_url", None)
    return url() if url else f"/{page.slug}/"


def address_of(kind, obj):
    """Where ``obj`` is now, or None if readers may not see it."""
    if kind in {"post", "page"} and not obj.is_public:
        return None
    if kind == "page":
        return _page_url(obj)
    if kind == "tag":
        return reverse("articles:tag", args=[obj.slug])
    if kind == "attachment":
        return settings.MEDIA_URL + obj.file.name
    return obj.get_absolute_url()


def target(item):
    obj = MODELS[item.kind].objects.filter(pk=item.object_id).first()
    return address_of(item.kind, obj) if obj is not None else None


def _found(items, path):
    for item in items:
        url = target(item)
        if url and normal(url) != normal(path):
            return HttpResponsePermanentRedirect(url)
    return None


def by_query(request):
    for name, kinds in QUERY_KINDS.items():
        value = request.GET.get(name, "").strip()
        if value.isdigit():
            items = WordPressItem.objects.filter(kind__in=kinds, key=value)
            return _found(sorted(items, key=lambda i: kinds.index(i.kind)), request.path)
    return None


def by_path(request):
    found = OldAddress.objects.filter(path=normal(request.path)).select_related("item").first()
    return _found([found.item], request.path) if found else None


class OldAddressMiddleware:
    """Placed before the page cache (see settings.MIDDLEWARE)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        reading = request.method in {"GET", "HEAD"}
        wordpress_query = request.path in {"/", "/index.php"} and request.GET
        if reading and wordpress_query and (redirect := _looked_up(by_query, request)):
            return redirect
        response = self.get_response(request)
        if reading and response.status_code == 404:
            return _looked_up(by_path, request) or response
        return response


def _looked_up(lookup, request):
    """A redirect, or None; a database that cannot answer leaves the page as it was."""
    try:
        return lookup(request)
    except DatabaseError:
        logger.warning("Old WordPress addresses could not be looked up", exc_info=True)
        return None


class Addresses:
    """Old paths found during an import, written once their items exist."""

    def __init__(self):
        self.firm = {}  # path -> (kind, key): a permalink the export gives
        self.guessed = {}  # path -> (kind, key): one WordPress would have guessed

    def add(self, item, kind, key):
        link = urlsplit((item.get("link") or "").strip())
        path = normal(link.path)
        if not parse_qs(link.query).keys() & QUERY_KINDS.keys() and path != "/":
            self.firm[path] = (kind, key)
            head = path.rsplit("/", 1)[0]
            for old in item.meta.get("_wp_old_slug", []):
                if old.strip():
                    self.firm[normal(f"{head}/{old.strip()}")] = (kind, key)
        name = (item.get("wp:post_name") or "").strip()
        if name and kind == "post":
            self.guessed[normal(f"/{name}")] = (kind, key)

    def archive(self, path, kind, key):
        self.firm[normal(path)] = (kind, key)

    def write(self):
        for paths, update in ((self.guessed, False), (self.firm, True)):
            _write(paths, update)
        self.firm, self.guessed = {}, {}


def _write(paths, update):
    if not paths:
        return
    wanted = set(paths.values())
    ids = {
        (kind, key): pk
        for kind, key, pk in WordPressItem.objects.filter(
            kind__in={kind for kind, _ in wanted}, key__in={key for _, key in wanted}
        ).values_list("kind", "key", "pk")
    }
    rows = [OldAddress(path=path[:500], item_id=ids[found]) for path, found in paths.items()
            if found in ids]  # fmt: skip
    options = (
        {"update_conflicts": True, "unique_fields": ["path"], "update_fields": ["item"]}
        if update
        else {"ignore_conflicts": True}
    )
    OldAddress.objects.bulk_create(rows, batch_size=1000, **options)
