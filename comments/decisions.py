"""Moderators' decisions: the one place a comment's status changes after posting."""

from django.utils import timezone

from .changes import comments_changed
from .models import Comment


def moderate(comments, status, user):
    """Set ``status`` on ``comments`` (a queryset) and record who did it, when.
    Returns how many comments changed."""
    if status not in Comment.Status.values:
        raise ValueError(f"Unknown status {status!r}")
    changing = comments.exclude(status=status)
    stories = set(changing.values_list("article_id", flat=True))
    changed = changing.update(status=status, moderated_by=user, moderated_at=timezone.now())
    comments_changed(stories)
    return changed


def approve(comments, user):
    return moderate(comments, Comment.Status.APPROVED, user)


def mark_spam(comments, user):
    return moderate(comments, Comment.Status.SPAM, user)


def trash(comments, user):
    return moderate(comments, Comment.Status.TRASH, user)
