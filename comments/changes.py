"""What follows when a story's public comments may have changed (a comment posted
as approved, moderated, edited, erased): its stored count is brought up to date
and the pages that show them or their count are moved to a new generation (the
table in ``doggydiary.caching`` says which)."""

from django.conf import settings
from django.db.models import Count, F, OuterRef, Subquery
from django.db.models.functions import Coalesce

from articles import generations
from articles.models import Article, StoryHTML

from .models import Comment


def _counted(comments):
    counted = comments.filter(article=OuterRef("pk")).order_by().values("article")
    return Coalesce(Subquery(counted.annotate(n=Count("pk")).values("n")), 0)


def store_counts(stories):
    """Set ``comment_count`` and ``comment_threads`` of the ``stories`` queryset in
    one UPDATE, and drop the stored first page of their threads."""
    approved = Comment.objects.approved()
    threads_changed(stories)
    return stories.update(
        comment_count=_counted(approved),
        comment_threads=_counted(approved.filter(parent__isnull=True)),
    )


def threads_changed(stories):
    """The stories' public comments may have changed: their stored first page of
    threads (``comments.threads``) is dropped, and its version moves so that a page
    a reader made from the comments before this is not stored."""
    StoryHTML.objects.filter(article__in=stories).update(
        threads_version=F("threads_version") + 1, threads_stamp="", threads_html=""
    )


def comments_changed(article_ids):
    """Called from ``decisions`` only, the one place comments change after posting."""
    article_ids = set(article_ids)
    if not article_ids:
        return
    store_counts(Article.objects.filter(pk__in=article_ids))
    generations.bump_on_commit(*generations.shown_with(article_ids))
    # A card's count may be a few seconds late: a busy discussion re-renders the
    # listings it is on once in that while, not once per comment.
    generations.bump_on_commit(
        *generations.listed_with(article_ids), within=settings.LISTING_COUNTS_SECONDS
    )


def settings_saved(sender, **kwargs):
    generations.bump_on_commit(generations.CONTENT)
