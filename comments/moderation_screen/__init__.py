"""The keyboard moderation screen in the admin (``page``) and the endpoints its rows
post to (``endpoints``), for whoever may change comments: moderators and superusers."""

from django.urls import path
from django.views.decorators.http import require_POST, require_safe

from ..models import Comment
from . import endpoints, page


def urls(model_admin):
    """The screen's addresses, for ``CommentAdmin.get_urls``."""

    def view(function, *args, post=True):
        def bound(request):
            return function(model_admin, request, *args)

        checked = require_POST(bound) if post else require_safe(bound)
        return model_admin.admin_site.admin_view(checked)

    name = "comments_comment_moderation"
    return [
        path("moderation/", view(page.screen, post=False), name=name),
        *(
            path(f"moderation/{key}/", view(endpoints.decide, status), name=f"{name}_{key}")
            for key, status in [
                ("approve", Comment.Status.APPROVED),
                ("spam", Comment.Status.SPAM),
                ("trash", Comment.Status.TRASH),
            ]
        ),
        path("moderation/undo/", view(endpoints.undo), name=f"{name}_undo"),
        path("moderation/reply/", view(endpoints.reply), name=f"{name}_reply"),
    ]
