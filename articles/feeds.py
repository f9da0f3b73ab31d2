"""The stories' feeds: the whole magazine, a section, a tag, an author."""

from html import escape

from django.conf import settings
from django.shortcuts import get_object_or_404
from django.urls import reverse
from taggit.models import Tag

from doggydiary import feeds

from .models import Article, Author, Category

FEED_LENGTH = 20


class LatestStories(feeds.Feed):
    """The newest published stories; subclasses narrow it to one archive."""

    def channel(self, obj, base, feed_link):
        return feeds.Channel(
            title=settings.SITE_NAME,
            link=base + reverse("articles:home"),
            description="The latest stories from Doggy Diary.",
            feed_link=feed_link,
        )

    def stories(self, obj):
        return Article.objects.published()

    def entries(self, obj, base):
        stories = (
            self.stories(obj)
            .select_related("author", "category")
            .only(
                "title", "slug", "dek", "publish_at", "updated_at",
                "author__name", "author__slug", "category__name",
            )[:FEED_LENGTH]
        )  # fmt: skip
        for story in stories:
            yield feeds.Entry(
                title=story.title,
                link=base + story.get_absolute_url(),
                published=story.publish_at,
                updated=story.updated_at,
                # The standfirst is plain text: escaped, so a feed reader shows it as typed.
                summary_html=escape(story.dek),
                author_name=story.author.name,
                author_link=base + story.author.get_absolute_url(),
                categories=(story.category.name,),
            )


class SectionStories(LatestStories):
    def get_object(self, request, slug):
        return get_object_or_404(Category, slug=slug)

    def channel(self, obj, base, feed_link):
        return feeds.Channel(
            title=f"{settings.SITE_NAME}: {obj.name}",
            link=base + obj.get_absolute_url(),
            description=obj.description or f"Stories in {obj.name}.",
            feed_link=feed_link,
        )

    def stories(self, obj):
        return Article.objects.published().filter(category=obj)


class TagStories(LatestStories):
    only_with_entries = True

    def get_object(self, request, slug):
        return get_object_or_404(Tag, slug=slug)

    def channel(self, obj, base, feed_link):
        return feeds.Channel(
            title=f"{settings.SITE_NAME}: stories tagged {obj.name}",
            link=base + reverse("articles:tag", kwargs={"slug": obj.slug}),
            description=f"Stories tagged {obj.name}.",
            feed_link=feed_link,
        )

    def stories(self, obj):
        return Article.objects.published().tagged(obj)


class AuthorStories(LatestStories):
    only_with_entries = True

    def get_object(self, request, slug):
        return get_object_or_404(Author, slug=slug)

    def channel(self, obj, base, feed_link):
        return feeds.Channel(
            title=f"{settings.SITE_NAME}: stories by {obj.name}",
            link=base + obj.get_absolute_url(),
            description=f"Stories by {obj.name}.",
            feed_link=feed_link,
        )

    def stories(self, obj):
        return Article.objects.published().filter(author=obj)
