"""Linking an author to a user account, for editors.

The admin's own autocomplete asks for the view permission on users, which editors
rightly lack (it would open the user list, with addresses). So the author admin
answers the search itself: active staff accounts only, each as its id and name,
to whoever may change authors.
"""

from django.contrib.admin.widgets import AutocompleteSelect
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import JsonResponse
from django.urls import path

PAGE_SIZE = 20


def staff_accounts():
    return get_user_model().objects.filter(is_staff=True, is_active=True)


def account_label(user):
    full_name = user.get_full_name()
    return f"{full_name} ({user.get_username()})" if full_name else user.get_username()


class AccountSelect(AutocompleteSelect):
    """The admin's autocomplete box, asking the author admin's search for accounts."""

    url_name = "%s:articles_author_user_autocomplete"


class AuthorUserMixin:
    """For the ModelAdmin of Author."""

    def get_urls(self):
        view = self.admin_site.admin_view(self.user_autocomplete_view)
        return [
            path("user-autocomplete/", view, name="articles_author_user_autocomplete"),
            *super().get_urls(),
        ]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user":
            kwargs["widget"] = AccountSelect(db_field, self.admin_site)
            kwargs["queryset"] = staff_accounts()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def user_autocomplete_view(self, request):
        if not self.has_change_permission(request):
            raise PermissionDenied
        term = request.GET.get("term", "").strip()[:50]
        try:
            page = min(max(1, int(request.GET.get("page", "1"))), 1000)
        except ValueError:
            page = 1
        accounts = staff_accounts().only("pk", "username", "first_name", "last_name")
        if term:
            accounts = accounts.filter(
                Q(username__icontains=term)
                | Q(first_name__icontains=term)
                | Q(last_name__icontains=term)
            )
        start = (page - 1) * PAGE_SIZE
        rows = list(accounts.order_by("username")[start : start + PAGE_SIZE + 1])
        return JsonResponse(
            {
                "results": [
                    {"id": str(user.pk), "text": account_label(user)} for user in rows[:PAGE_SIZE]
                ],
                "pagination": {"more": len(rows) > PAGE_SIZE},
            }
        )
