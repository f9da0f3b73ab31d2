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

    def channel_title(self, obj):
        return settings.SITE_NAME

    def channel_link(self, obj):
        return reverse("articles:home")

    def channel_description(self, obj):
        return "The latest stories from Doggy Diary."

    def stories(self, obj):
        return Article.objects.published()

    def items(self, obj):
        return (
            self.stories(obj)
            .select_related("author", "category")
            .only(
                "title", "slug", "dek", "publish_at", "updated_at",
                "author__name", "author__slug", "category__name",
            )[:FEED_LENGTH]
        )  # fmt: skip

    def entry_title(self, story):
        return story.title

    def entry_html(self, story):
        # The standfirst is plain text: escaped, so a feed reader shows it as typed.
        return escape(story.dek)

    def entry_author(self, story):
        return story.author.name

    def item_author_link(self, story):
        return self.base + story.author.get_absolute_url()

    def item_pubdate(self, story):
        return story.publish_at

    def item_updateddate(self, story):
        return story.updated_at

    def item_categories(self, story):
        return (feeds.xml_text(story.category.name),)


class SectionStories(LatestStories):
    def get_object(self, request, slug):
        return get_object_or_404(Category, slug=slug)

    def channel_title(self, obj):
        return f"{settings.SITE_NAME}: {obj.name}"

    def channel_link(self, obj):
        return obj.get_absolute_url()

    def channel_description(self, obj):
        return obj.description or f"Stories in {obj.name}."

    def stories(self, obj):
        return Article.objects.published().filter(category=obj)


class TagStories(LatestStories):
    only_with_entries = True

    def get_object(self, request, slug):
        return get_object_or_404(Tag, slug=slug)

    def channel_title(self, obj):
        return f"{settings.SITE_NAME}: stories tagged {obj.name}"

    def channel_link(self, obj):
        return reverse("articles:tag", kwargs={"slug": obj.slug})

    def channel_description(self, obj):
        return f"Stories tagged {obj.name}."

    def stories(self, obj):
        return Article.objects.published().tagged(obj)


class AuthorStories(LatestStories):
    only_with_entries = True

    def get_object(self, request, slug):
        return get_object_or_404(Author, slug=slug)

    def channel_title(self, obj):
        return f"{settings.SITE_NAME}: stories by {obj.name}"

    def channel_link(self, obj):
        return obj.get_absolute_url()

    def channel_description(self, obj):
        return f"Stories by {obj.name}."

    def stories(self, obj):
        return Article.objects.published().filter(author=obj)
