"""A story's past and its links: old addresses, revisions, pinned related stories."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from .stories import Article


class SlugRedirect(models.Model):
    """An address a published story used to have; it answers with a 301 to the new one."""

    old_slug = models.SlugField(max_length=200)
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="old_slugs")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["old_slug"], name="slug_redirect_unique"),
        ]

    def __str__(self):
        return f"{self.old_slug} → {self.article.slug}"


class Revision(models.Model):
    """A story as it was saved: who saved it, when, and every field an editor writes."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="revisions")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(max_length=200, blank=True)
    data = models.JSONField()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.article} at {self.created_at:%Y-%m-%d %H:%M}"


class PinnedRelation(models.Model):
    """A related story chosen by an editor; it comes before the computed ones."""

    from_article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="pinned_relations"
    )
    to_article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="+", verbose_name="related story"
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = "pinned related story"
        constraints = [
            models.UniqueConstraint(
                fields=["from_article", "to_article"], name="pinned_relation_unique"
            ),
            models.CheckConstraint(
                condition=~Q(from_article=models.F("to_article")), name="pinned_relation_not_self"
            ),
        ]

    def __str__(self):
        return f"{self.from_article} → {self.to_article}"
