"""Pages of a published listing at any size.

A page is read in two steps: the ids of its stories, from the listing's own
index in the listing's order (no join, so no planner can sort every published
story first), then those few stories with everything a card shows. The count
behind "Page 3 of 8,210" is cached for the current content generation.
"""

from contextlib import suppress

from django.core.cache import cache
from django.core.paginator import InvalidPage, Paginator
from django.http import Http404
from django.utils.functional import cached_property

from doggydiary.caching import CACHE_ERRORS
from doggydiary.site import page_number

from . import generations

COUNT_TIMEOUT = 24 * 60 * 60


class ListingPaginator(Paginator):
    """``object_list`` is the listing (filtered and ordered); ``fetch`` the queryset
    its rows are loaded from (with the card's joins); ``count_key`` names the
    listing for its cached count."""

    def __init__(self, object_list, per_page, *, fetch, count_key):
        super().__init__(object_list, per_page)
        self.fetch = fetch
        self.count_key = count_key

    @cached_property
    def count(self):
        versions = generations.current(generations.CONTENT)
        if versions is None:  # the cache is down: count for this request only
            return super().count
        key = f"listing-count:{versions[generations.CONTENT]}:{self.count_key}"
        try:
            value = cache.get(key)
        except CACHE_ERRORS:
            value = None
        if value is None:
            value = super().count
            with suppress(*CACHE_ERRORS):
                cache.set(key, value, COUNT_TIMEOUT)
        return value

    def page(self, number, *, also=()):
        """The page, its rows fetched with those of ``also`` (ids shown beside it,
        such as the home page's lead) in one query; those are ``page.also``."""
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        ids = list(self.object_list.values_list("pk", flat=True)[bottom : bottom + self.per_page])
        rows = self.fetch.in_bulk([*also, *ids]) if ids or also else {}
        page = self._get_page([rows[pk] for pk in ids if pk in rows], number, self)
        page.also = [rows[pk] for pk in also if pk in rows]
        return page


def paginate(request, listing, *, fetch, count_key, per_page, also=()):
    """The page ``?page=`` names; a page number that is not a page is a 404."""
    paginator = ListingPaginator(listing, per_page, fetch=fetch, count_key=count_key)
    try:
        return paginator.page(page_number(request.GET.get("page")), also=also)
    except InvalidPage:
        raise Http404("No such page.") from None
