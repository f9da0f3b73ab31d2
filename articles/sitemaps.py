from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse
from taggit.models import Tag

from .models import Article, Author, Category


class HomeSitemap(Sitemap):
    changefreq = "hourly"
    priority = 1.0

    def items(self):
        return ["articles:home"]

    def location(self, item):
        return reverse(item)


class StorySitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.8
    limit = 5000

    def items(self):
        return Article.objects.published().only("slug", "updated_at").order_by("-publish_at")

    def lastmod(self, item):
        return item.updated_at


class ArchiveSitemap(Sitemap):
    """Archives that hold at least one published story, with its newest date."""

    changefreq = "daily"
    priority = 0.5

    def lastmod(self, item):
        return item.last_published


class SectionSitemap(ArchiveSitemap):
    def items(self):
        return (
            Category.objects.filter(articles__in=Article.objects.published())
            .annotate(last_published=Max("articles__publish_at"))
            .order_by("name")
        )


class AuthorSitemap(ArchiveSitemap):
    def items(self):
        return (
            Author.objects.filter(articles__in=Article.objects.published())
            .annotate(last_published=Max("articles__publish_at"))
            .order_by("name")
        )


class TagSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.4

    def items(self):
        public = Article.objects.published().values("pk")
        return (
            Tag.objects.filter(articles_storytag_items__content_object__in=public)
            .distinct()
            .order_by("name")
        )

    def location(self, item):
        return reverse("articles:tag", kwargs={"slug": item.slug})


SITEMAPS = {
    "home": HomeSitemap,
    "stories": StorySitemap,
    "sections": SectionSitemap,
    "authors": AuthorSitemap,
    "tags": TagSitemap,
}
