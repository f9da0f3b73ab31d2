from django import template

from comments.models import Comment

register = template.Library()


@register.simple_tag
def pending_comment_count():
    """How many comments wait for a moderator; used only by the admin's header."""
    return Comment.objects.pending().count()
