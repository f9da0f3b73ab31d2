from django import template
from django.utils.http import urlencode

from comments.models import Comment

register = template.Library()


@register.simple_tag
def pending_comment_count():
    """How many comments wait for a moderator; used only by the admin's header."""
    return Comment.objects.pending().count()


@register.simple_tag
def moderation_query(**params):
    """The moderation screen's query string for ``params``, leaving out empty ones."""
    return urlencode({key: value for key, value in params.items() if value not in (None, "")})
