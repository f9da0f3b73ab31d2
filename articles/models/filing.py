"""How stories are filed: sections and authors."""

from django.conf import settings
from django.db import models

from doggydiary.routes import route_url

from .pictures import Image


class CategoryQuerySet(models.QuerySet):
    def for_navigation(self):
        """The sections in the editors' order (the home page's bands' order too)."""
        return self.order_by("home_order", "name").only("name", "slug")


class Category(models.Model):
    name = models.CharField(max_length=80)
    slug = models.SlugField(max_length=80)
    description = models.CharField(max_length=300, blank=True)
    home_order = models.PositiveSmallIntegerField(
        "place on the home page",
        default=0,
        help_text="The navigation and the home page's bands list sections from the lowest "
        "number; equal numbers go by name.",
    )

    objects = CategoryQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "categories"
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="category_slug_unique"),
            models.UniqueConstraint(fields=["name"], name="category_name_unique"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return route_url("articles:section", self.slug)


class Author(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author_profile",
    )
    name = models.CharField("display name", max_length=120)
    slug = models.SlugField(max_length=120)
    website = models.URLField(blank=True)
    bio = models.TextField(blank=True)
    photo = models.ForeignKey(
        Image, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="author_slug_unique"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return route_url("articles:author", self.slug)
