"""Admin change lists that stay fast at the size of a real magazine (100,000 stories,
a million comments); used by the story and comment lists."""

from django.core.paginator import Paginator


class PageByIds(Paginator):
    """An admin list's pages at any size, as the site's listings are read: the page's
    ids first, from the list's own index in its own order (no joins, no per-row
    counts for the rows before it), then those rows with everything the list shows.
    A page in the second half is read from the end, so no page skips more than half
    of the index."""

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = min(bottom + self.per_page, self.count)
        ids = self.object_list.values_list("pk", flat=True)
        if bottom > self.count // 2:
            ids = list(ids.reverse()[self.count - top : self.count - bottom])[::-1]
        else:
            ids = list(ids[bottom:top])
        rows = self.object_list.filter(pk__in=ids).in_bulk(ids) if ids else {}
        return self._get_page([rows[pk] for pk in ids if pk in rows], number, self)


class SearchMatchesFirst:
    """Admin search at any size: the matches are found in one pass over the table, and
    only they are put in the list's order. Left to itself a planner walks the list's
    index and reads every row it passes to test the text, which for a rare word is a
    random read of the whole table (16 s at a million comments on SQLite)."""

    def get_search_results(self, request, queryset, search_term):
        matches, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if matches is queryset:  # nothing was searched for
            return matches, may_have_duplicates
        return queryset.filter(pk__in=matches.values("pk")), False
