from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed

from articles.models import Article

from .models import Comment

FEED_LENGTH = 30


class StoryCommentsFeed(Feed):
    """Approved comments on one story, newest first. Names only: never an email."""

    def get_object(self, request, slug):
        return get_object_or_404(Article.objects.published(), slug=slug)

    def title(self, obj):
        return f"Comments on “{obj.title}” · {settings.SITE_NAME}"

    def link(self, obj):
        return obj.get_absolute_url() + "#comments"

    def description(self, obj):
        return f"Approved comments on {obj.title}."

    def items(self, obj):
        return (
            Comment.objects.approved()
            .filter(article=obj)
            .order_by("-created_at", "-pk")[:FEED_LENGTH]
        )

    def item_title(self, item):
        return f"Comment by {item.name}"

    def item_description(self, item):
        return item.body

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.created_at

    def item_author_name(self, item):
        return item.name


class StoryCommentsAtomFeed(StoryCommentsFeed):
    feed_type = Atom1Feed
    subtitle = StoryCommentsFeed.description
