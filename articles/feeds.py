from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from taggit.models import Tag

from doggydiary.site import site_url

from .models import Article, Author, Category

FEED_LENGTH = 20


class LatestStoriesFeed(Feed):
    """RSS of the newest published stories; subclasses narrow it to one archive."""

    description_template = None

    def title(self, obj=None):
        return settings.SITE_NAME

    def link(self, obj=None):
        return obj.get_absolute_url() if obj is not None else reverse("articles:home")

    def description(self, obj=None):
        return "The latest stories from Doggy Diary."

    def stories(self, obj):
        return Article.objects.published()

    def items(self, obj=None):
        return self.stories(obj).for_listing()[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.dek

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.author.name

    def item_author_link(self, item):
        return self._site_url + item.author.get_absolute_url()

    def item_categories(self, item):
        return [item.category.name]

    def get_feed(self, obj, request):
        self._site_url = site_url(request)
        return super().get_feed(obj, request)


class LatestStoriesAtomFeed(LatestStoriesFeed):
    feed_type = Atom1Feed
    subtitle = LatestStoriesFeed.description


class SectionFeed(LatestStoriesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Category, slug=slug)

    def title(self, obj=None):
        return f"{settings.SITE_NAME}: {obj.name}"

    def description(self, obj=None):
        return obj.description or f"Stories in {obj.name}."

    def stories(self, obj):
        return Article.objects.published().filter(category=obj)


class TagFeed(LatestStoriesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Tag, slug=slug)

    def title(self, obj=None):
        return f"{settings.SITE_NAME}: stories tagged {obj.name}"

    def link(self, obj=None):
        return reverse("articles:tag", kwargs={"slug": obj.slug})

    def description(self, obj=None):
        return f"Stories tagged {obj.name}."

    def stories(self, obj):
        return Article.objects.published().tagged(obj)


class AuthorFeed(LatestStoriesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Author, slug=slug)

    def title(self, obj=None):
        return f"{settings.SITE_NAME}: stories by {obj.name}"

    def description(self, obj=None):
        return f"Stories by {obj.name}."

    def stories(self, obj):
        return Article.objects.published().filter(author=obj)


class SectionAtomFeed(SectionFeed):
    feed_type = Atom1Feed
    subtitle = SectionFeed.description


class TagAtomFeed(TagFeed):
    feed_type = Atom1Feed
    subtitle = TagFeed.description


class AuthorAtomFeed(AuthorFeed):
    feed_type = Atom1Feed
    subtitle = AuthorFeed.description
