"""Stories: the one gate for public content, and what each page needs of them."""

import math

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from taggit.managers import TaggableManager

from ..sanitize import html_to_text, sanitize_body
from .filing import Author, Category
from .pictures import Image, library_pictures

WORDS_PER_MINUTE = 220


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """The one gate for public content: published, and its time has come."""
        return self.filter(status=Article.Status.PUBLISHED, publish_at__lte=timezone.now())

    def with_comment_counts(self, **counts):
        """Annotate comment counts by status, each in the same query: by default
        ``comment_count``, the approved comments readers see."""
        comments = self.model._meta.get_field("comments").related_model.objects
        counts = counts or {"comment_count": "approved"}
        annotations = {}
        for name, status in counts.items():
            counted = (
                comments.filter(article=models.OuterRef("pk"), status=status)
                .order_by()
                .values("article")
                .annotate(n=models.Count("pk"))
                .values("n")
            )
            annotations[name] = Coalesce(models.Subquery(counted), 0)
        return self.annotate(**annotations)

    def for_listing(self):
        """What a story card needs, in one query, without the heavy body columns."""
        return (
            self.select_related("author", "category", "hero_image")
            .defer("body", "body_html", "body_text")
            .with_comment_counts()
        )

    def for_detail(self):
        return (
            self.select_related("author", "author__photo", "category", "hero_image", "social_image")
            .prefetch_related("tags")
            .with_comment_counts()
        )

    def search(self, query):
        condition = Q()
        for word in query.split()[:8]:
            condition &= (
                Q(title__icontains=word) | Q(dek__icontains=word) | Q(body_text__icontains=word)
            )
        return self.filter(condition)


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        REVIEW = "review", "In review"
        PUBLISHED = "published", "Published"

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, help_text="The story's address: /story/this-slug/")
    dek = models.CharField(
        "standfirst",
        max_length=300,
        blank=True,
        help_text="One or two sentences under the headline; also the excerpt in lists.",
    )
    body = models.TextField(blank=True, help_text="Sanitized when saved.")
    body_html = models.TextField(editable=False, default="")
    body_text = models.TextField(editable=False, default="")
    reading_time = models.PositiveSmallIntegerField(editable=False, default=1)
    hero_image = models.ForeignKey(
        Image, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    author = models.ForeignKey(Author, on_delete=models.PROTECT, related_name="articles")
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="articles")
    tags = TaggableManager(blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    publish_at = models.DateTimeField(
        "publish time",
        null=True,
        blank=True,
        help_text="A time in the future schedules the story; it appears by itself then.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    featured = models.BooleanField(default=False, help_text="Lead story on the home page.")
    comments_open = models.BooleanField(default=True)
    seo_title = models.CharField(
        "search title",
        max_length=70,
        blank=True,
        help_text="For search results and social cards; the headline when empty. Up to 60 "
        "characters show in full.",
    )
    seo_description = models.CharField(
        "search description",
        max_length=160,
        blank=True,
        help_text="The standfirst when empty. Up to 155 characters show in full.",
    )
    social_image = models.ForeignKey(
        Image,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="For social cards; the hero picture when empty.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    pinned_related = models.ManyToManyField(
        "self",
        through="PinnedRelation",
        through_fields=("from_article", "to_article"),
        symmetrical=False,
        blank=True,
        related_name="+",
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-publish_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="article_slug_unique"),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(publish_at__isnull=False),
                name="article_published_has_time",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "review", "published"]),
                name="article_status_known",
            ),
        ]
        indexes = [models.Index(fields=["status", "-publish_at"], name="article_public_idx")]
        verbose_name = "story"
        verbose_name_plural = "stories"
        permissions = [("publish_article", "Can publish, schedule and unpublish stories")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.status == self.Status.PUBLISHED and self.publish_at is None:
            self.publish_at = timezone.now()
        self.update_derived_fields()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {
                *kwargs["update_fields"],
                "body_html",
                "body_text",
                "reading_time",
                "publish_at",
            }
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:story", kwargs={"slug": self.slug})

    def update_derived_fields(self):
        """Sanitized body, its plain text and the reading time, from ``body``."""
        self.body_html = sanitize_body(self.body, pictures=library_pictures(self.body))
        self.body_text = html_to_text(self.body_html)
        words = len(self.body_text.split())
        self.reading_time = max(1, math.ceil(words / WORDS_PER_MINUTE))

    @property
    def is_public(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.publish_at is not None
            and self.publish_at <= timezone.now()
        )

    @property
    def display_status(self):
        if self.is_scheduled:
            return "Scheduled"
        return self.get_status_display()

    @property
    def search_title(self):
        return self.seo_title or self.title

    @property
    def search_description(self):
        return self.seo_description or self.dek

    @property
    def card_image(self):
        return self.social_image or self.hero_image

    @property
    def is_scheduled(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.publish_at is not None
            and self.publish_at > timezone.now()
        )
