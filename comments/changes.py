"""What follows when a story's public comments may have changed (a comment posted
as approved, moderated, edited, erased): its stored count is brought up to date
and the cached pages that show comments are moved to a new generation."""

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

from articles import generations
from articles.models import Article

from .models import Comment


def store_counts(stories):
    """Set ``comment_count`` of the ``stories`` queryset in one UPDATE."""
    approved = (
        Comment.objects.approved()
        .filter(article=OuterRef("pk"))
        .order_by()
        .values("article")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return stories.update(comment_count=Coalesce(Subquery(approved), 0))


def comments_changed(article_ids):
    """Called from ``decisions`` only, the one place comments change after posting."""
    article_ids = set(article_ids)
    if not article_ids:
        return
    store_counts(Article.objects.filter(pk__in=article_ids))
    generations.bump_on_commit(
        generations.COMMENTS, *(generations.story_comments(pk) for pk in article_ids)
    )


def settings_saved(sender, **kwargs):
    generations.bump_on_commit(generations.CONTENT)
