"""Where stories are filed: sections and the people who write them."""

from django.contrib import admin

from ..models import Author, Category
from ..search import index as search_index
from .author_users import AuthorUserMixin


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "home_order"]
    # The bands' order on the home page, set for all sections on one screen.
    list_editable = ["home_order"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Author)
class AuthorAdmin(AuthorUserMixin, admin.ModelAdmin):
    list_display = ["name", "slug", "website", "user"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "bio"]
    autocomplete_fields = ["photo"]  # the user box is AuthorUserMixin's

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "name" in form.changed_data:
            search_index.update(obj.articles.values_list("pk", flat=True))  # found by author
