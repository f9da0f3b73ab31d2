"""Stories: the one gate for public content, and what each page needs of them."""

import math

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from doggydiary.routes import route_url

from ..sanitize import html_to_text, sanitize_body
from .filing import Author, Category
from .pictures import Image, library_pictures
from .posts import described_posts

WORDS_PER_MINUTE = 220
# Derived fields written only by their own write paths (see Article.save).
KEPT_ELSEWHERE = {"comment_count", "comment_threads", "related_ids"}
# The home page's lead and the row beneath it.
HOME_PLACES = 5


class ArticleQuerySet(models.QuerySet):
    def published(self, at=None):
        """The one gate for public content: published, and its time has come (by
        ``at``, now if not given)."""
        return self.filter(status=Article.Status.PUBLISHED, publish_at__lte=at or timezone.now())

    def public_or_written_by(self, user):
        """What a writer may see of others' work: published stories, and their own."""
        return self.published() | self.filter(created_by=user)

    def with_comment_counts(self, **counts):
        """Annotate comment counts by status (``name="status"``), each in the same
        query, for the newsroom's lists; readers' pages use the stored
        ``comment_count`` instead."""
        comments = self.model._meta.get_field("comments").related_model.objects
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
        """What a story card needs, in one query, without the heavy body columns. In
        no order: a page's cards are fetched by id (``in_bulk``) and put in the page's
        order, so sorting them by time too only cost a sort of every row."""
        return (
            self.select_related("author", "category", "hero_image")
            .defer("body", "body_html", "body_text", "related_ids")
            .order_by()
        )

    def for_detail(self):
        return self.select_related(
            "author", "author__photo", "category", "hero_image", "social_image"
        ).prefetch_related("tags")

    def tagged(self, tag):
        """Stories with ``tag``, newest first, in the order the tag's own index keeps
        (so a tag on half of 100,000 stories still reads only one page of rows). The
        index is entered at now: PostgreSQL sorts the drafts' empty times first in a
        newest-first index, and scheduled stories are newer than now, so without it
        each page would step over every unpublished story with the tag first."""
        tagging = models.FilteredRelation("tagged_items", condition=Q(tagged_items__tag=tag))
        return (
            self.annotate(tagging=tagging)
            .filter(tagging__isnull=False, tagging__publish_at__lte=timezone.now())
            .order_by("-tagging__publish_at", "-tagging__content_object_id")
        )


class StoryTag(TaggedItemBase):
    """A tag on a story, with the story's publish time copied in, so that a tag
    archive is read in order straight from one index."""

    content_object = models.ForeignKey(
        "Article", on_delete=models.CASCADE, related_name="tagged_items"
    )
    publish_at = models.DateTimeField(null=True, editable=False)

    class Meta:
        verbose_name = "story tag"
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="story_tag_unique"),
        ]
        indexes = [
            models.Index(
                fields=["tag", "-publish_at", "-content_object"], name="story_tag_newest_idx"
            ),
        ]

    def save(self, *args, **kwargs):
        self.publish_at = self.content_object.publish_at
        super().save(*args, **kwargs)


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
    tags = TaggableManager(blank=True, through=StoryTag)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    publish_at = models.DateTimeField(
        "publish time",
        null=True,
        blank=True,
        help_text="A time in the future schedules the story; it appears by itself then.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    featured = models.BooleanField(
        default=False, help_text="The lead on the home page when no story is pinned there."
    )
    home_pin = models.PositiveSmallIntegerField(
        "pinned on the home page",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(HOME_PLACES)],
        help_text="1 pins the story as the home page's lead, 2 to 5 in the row beneath it, "
        "the lowest number first. Empty: not pinned (the newest stories fill the places).",
    )
    # Derived data, kept fresh by the write path: approved comments (comments'
    # services and decisions), and the ranked related stories (articles.related).
    comment_count = models.PositiveIntegerField(default=0, editable=False)
    # Of those, the ones that start a thread: how many pages of comments there are.
    comment_threads = models.PositiveIntegerField(default=0, editable=False)
    related_ids = models.JSONField(null=True, blank=True, editable=False)  # None: not yet computed
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
            models.CheckConstraint(
                condition=Q(home_pin__gte=1, home_pin__lte=5) | Q(home_pin__isnull=True),
                name="article_home_pin_range",
            ),
        ]
        # Each serves one published listing in its own order, so a page of the
        # newest stories reads a page of index entries, however many there are.
        indexes = [
            models.Index(fields=["status", "-publish_at", "-id"], name="article_public_idx"),
            models.Index(
                fields=["category", "status", "-publish_at", "-id"], name="article_section_idx"
            ),
            models.Index(
                fields=["author", "status", "-publish_at", "-id"], name="article_author_idx"
            ),
            models.Index(
                fields=["-publish_at", "-id"],
                condition=Q(featured=True, status="published"),
                name="article_featured_idx",
            ),
            # Covers a sitemap file (slug and last change in publication order)
            # without reading the stories' rows.
            models.Index(
                fields=["status", "publish_at", "slug", "updated_at"], name="article_sitemap_idx"
            ),
            # The newsroom's story list (every status, newest first, a draft by when it
            # was started: an expression no public listing uses) and the moderation
            # screen's stories with the most approved comments.
            models.Index(
                Coalesce("publish_at", "created_at").desc(),
                F("id").desc(),
                name="article_newest_idx",
            ),
            models.Index(fields=["-comment_count", "title"], name="article_most_comments_idx"),
            models.Index(
                fields=["home_pin", "-publish_at"],
                condition=Q(home_pin__isnull=False),
                name="article_home_pin_idx",
            ),
        ]
        verbose_name = "story"
        verbose_name_plural = "stories"
        permissions = [("publish_article", "Can publish, schedule and unpublish stories")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        """Keeps the story's own derived fields (sanitized body, its text, the reading
        time, a publish time once published). What depends on the saved row (tag rows,
        old addresses, the search index) is ``articles.editorial.story_saved``."""
        if not self._state.adding and not kwargs.get("force_insert"):
            # The counters and lists other write paths keep are never written back
            # from a copy that may be older than they are.
            kwargs["update_fields"] = kwargs.get("update_fields") or [
                field.name
                for field in self._meta.concrete_fields
                if not field.primary_key and field.name not in KEPT_ELSEWHERE
            ]
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
        return route_url("articles:story", self.slug)

    def update_derived_fields(self):
        """Sanitized body, its plain text and the reading time, from ``body``."""
        self.body_html = sanitize_body(
            self.body, pictures=library_pictures(self.body), posts=described_posts(self.body)
        )
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
