"""Approved comments as feeds: on one story, and across the magazine. Names only,
never an address; the comment's HTML is the sanitized rendering readers see."""

from django.conf import settings
from django.shortcuts import get_object_or_404
from django.urls import reverse

from articles.models import Article
from doggydiary import feeds

from .models import Comment

FEED_LENGTH = 30


def _newest(comments):
    return comments.order_by("-created_at", "-pk")[:FEED_LENGTH]


class CommentFeed(feeds.Feed):
    """What a comment is in any feed: its sanitized HTML, its name, its time."""

    def entry_title(self, comment):
        return f"Comment by {comment.name}"

    def entry_html(self, comment):
        return comment.body_html

    def entry_author(self, comment):
        return comment.name

    def item_pubdate(self, comment):
        return comment.created_at


class StoryComments(CommentFeed):
    """Approved comments on one story, newest first."""

    def get_object(self, request, slug):
        return get_object_or_404(Article.objects.published().only("title", "slug"), slug=slug)

    def channel_title(self, story):
        return f"Comments on “{story.title}” · {settings.SITE_NAME}"

    def channel_link(self, story):
        return f"{story.get_absolute_url()}#comments"

    def channel_description(self, story):
        return f"Approved comments on {story.title}."

    def items(self, story):
        comments = Comment.objects.approved().filter(article=story)
        return _newest(comments.only("name", "body_html", "created_at"))


class LatestComments(CommentFeed):
    """The newest approved comments on every published story."""

    def channel_title(self, obj):
        return f"Comments · {settings.SITE_NAME}"

    def channel_link(self, obj):
        return reverse("articles:home")

    def channel_description(self, obj):
        return f"The latest approved comments on {settings.SITE_NAME}."

    def items(self, obj):
        return _newest(
            Comment.objects.approved()
            .filter(article__in=Article.objects.published())
            .select_related("article")
            .only("pk", "name", "body_html", "created_at", "article__title")
        )

    def entry_title(self, comment):
        return f"{comment.name} on “{comment.article.title}”"
