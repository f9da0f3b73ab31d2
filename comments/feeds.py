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


class StoryComments(feeds.Feed):
    """Approved comments on one story, newest first."""

    def get_object(self, request, slug):
        return get_object_or_404(Article.objects.published().only("title", "slug"), slug=slug)

    def channel(self, story, base, feed_link):
        return feeds.Channel(
            title=f"Comments on “{story.title}” · {settings.SITE_NAME}",
            link=f"{base}{story.get_absolute_url()}#comments",
            description=f"Approved comments on {story.title}.",
            feed_link=feed_link,
        )

    def entries(self, story, base):
        comments = Comment.objects.approved().filter(article=story)
        for comment in _newest(comments.only("name", "body_html", "created_at")):
            yield _entry(comment, base, f"Comment by {comment.name}")


class LatestComments(feeds.Feed):
    """The newest approved comments on every published story."""

    def channel(self, obj, base, feed_link):
        return feeds.Channel(
            title=f"Comments · {settings.SITE_NAME}",
            link=base + reverse("articles:home"),
            description=f"The latest approved comments on {settings.SITE_NAME}.",
            feed_link=feed_link,
        )

    def entries(self, obj, base):
        comments = _newest(
            Comment.objects.approved()
            .filter(article__in=Article.objects.published())
            .select_related("article")
            .only("pk", "name", "body_html", "created_at", "article__title")
        )
        for comment in comments:
            title = f"{comment.name} on “{comment.article.title}”"
            yield _entry(comment, base, title)


def _entry(comment, base, title):
    return feeds.Entry(
        title=title,
        link=base + comment.get_absolute_url(),
        published=comment.created_at,
        summary_html=comment.body_html,
        author_name=comment.name,
    )
