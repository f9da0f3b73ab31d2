"""What the story admin shows of the home page and of readers: pins and views."""

from django.contrib import admin
from django.utils.html import format_html

from .. import readership


class PinnedFilter(admin.SimpleListFilter):
    title = "pinned on the home page"
    parameter_name = "pinned"

    def lookups(self, request, model_admin):
        return [("yes", "Pinned"), ("no", "Not pinned")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(home_pin__isnull=False)
        if self.value() == "no":
            return queryset.filter(home_pin__isnull=True)
        return queryset


class ReadershipMixin:
    """Each story's views (today, the last 7 days, in all): a column in the list, read
    for the whole page in one query, and a line on the story's own page."""

    def get_changelist_instance(self, request):
        """The list, with each row's views read for the whole page in one query."""
        changelist = super().get_changelist_instance(request)
        views = readership.views_by_story([obj.pk for obj in changelist.result_list])
        for obj in changelist.result_list:
            obj.views = views[obj.pk]
        return changelist

    @admin.display(description="views")
    def views_column(self, obj):
        views = getattr(obj, "views", None) or readership.views_by_story([obj.pk])[obj.pk]
        return format_html(
            '{} today<br>{} in 7 days<br><span class="list-quiet">{} in all</span>',
            views["today"],
            views["week"],
            views["total"],
        )

    @admin.display(description="views")
    def readership(self, obj):
        if obj.pk is None:
            return "—"
        views = readership.views_by_story([obj.pk])[obj.pk]
        return format_html(
            "<strong>{}</strong> today · <strong>{}</strong> in the last 7 days · "
            "<strong>{}</strong> in all",
            views["today"],
            views["week"],
            views["total"],
        )
