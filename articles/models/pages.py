"""Pages editors write (About, Contact, Masthead): a title and a body, no byline."""

from django.conf import settings
from django.db import models

from doggydiary.routes import route_url

from ..sanitize import html_to_text, sanitize_body
from .pictures import library_pictures
from .posts import described_posts


class PageQuerySet(models.QuerySet):
    def published(self):
        """The one gate for public pages."""
        return self.filter(status=Page.Status.PUBLISHED)

    def in_footer(self):
        """The footer's links, in the editors' order."""
        return (
            self.published()
            .filter(in_footer=True)
            .order_by("footer_order", "title")
            .only("title", "slug")
        )


class Page(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, help_text="The page's address: /this-slug/")
    body = models.TextField(blank=True, help_text="Sanitized when saved.")
    body_html = models.TextField(editable=False, default="")
    body_text = models.TextField(editable=False, default="")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    seo_title = models.CharField("search title", max_length=70, blank=True)
    seo_description = models.CharField("search description", max_length=160, blank=True)
    in_footer = models.BooleanField("link from the footer", default=False)
    footer_order = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PageQuerySet.as_manager()

    class Meta:
        ordering = ["footer_order", "title"]
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="page_slug_unique"),
            models.CheckConstraint(
                condition=models.Q(status__in=["draft", "published"]), name="page_status_known"
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.update_derived_fields()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "body_html", "body_text"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return route_url("page", self.slug)

    def update_derived_fields(self):
        self.body_html = sanitize_body(
            self.body, pictures=library_pictures(self.body), posts=described_posts(self.body)
        )
        self.body_text = html_to_text(self.body_html)

    @property
    def is_public(self):
        return self.status == self.Status.PUBLISHED


# What a revision keeps of a page: every field an editor writes.
REVISED_FIELDS = ("title", "slug", "body", "status", "seo_title", "seo_description",
                  "in_footer", "footer_order")  # fmt: skip


class PageRevision(models.Model):
    """A page as it was saved: who saved it, when, and every field an editor writes."""

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="revisions")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    data = models.JSONField()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "page revision"

    def __str__(self):
        return f"{self.data.get('title', self.page)} at {self.created_at:%Y-%m-%d %H:%M}"

    @classmethod
    def record(cls, page, user):
        return cls.objects.create(
            page=page, user=user, data={name: getattr(page, name) for name in REVISED_FIELDS}
        )
