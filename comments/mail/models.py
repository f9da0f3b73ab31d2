import secrets

from django.db import models
from django.db.models import Q


def new_secret():
    return secrets.token_hex(16)


class Subscriber(models.Model):
    """An email address that asked for mail. Nothing but the one confirmation is
    sent to it until ``confirmed_at`` is set by the signed link in that mail."""

    email = models.EmailField(max_length=254, unique=True, help_text="Lower-cased.")
    # Part of every link's signature: replacing it (or erasing the row) voids them all.
    secret = models.CharField(max_length=32, default=new_secret, editable=False)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["email"]

    def __str__(self):
        return self.email

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)


class Subscription(models.Model):
    """What one address gets: notices about its own comment, a story's discussion,
    or the daily digest of new stories (all sections, or the chosen ones)."""

    class Kind(models.TextChoices):
        COMMENT = "comment", "My comment: approval and replies"
        STORY = "story", "Follow a story's discussion"
        DIGEST = "digest", "New stories by email"

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="subscriptions"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    comment = models.ForeignKey(
        "comments.Comment", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    article = models.ForeignKey(
        "articles.Article",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name="story",
    )
    sections = models.ManyToManyField(
        "articles.Category", blank=True, related_name="+", help_text="None means every section."
    )
    # Mail goes only to a confirmed subscription: confirmed with the address, or, when
    # a public form adds one to an address confirmed before, by its own link.
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind="comment", comment__isnull=False, article__isnull=True)
                    | Q(kind="story", comment__isnull=True, article__isnull=False)
                    | Q(kind="digest", comment__isnull=True, article__isnull=True)
                ),
                name="subscription_kind_target",
            ),
            models.UniqueConstraint(
                fields=["subscriber", "comment"],
                condition=Q(kind="comment"),
                name="subscription_comment_unique",
            ),
            models.UniqueConstraint(
                fields=["subscriber", "article"],
                condition=Q(kind="story"),
                name="subscription_story_unique",
            ),
            models.UniqueConstraint(
                fields=["subscriber"], condition=Q(kind="digest"), name="subscription_digest_unique"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} for {self.subscriber}"

    @property
    def topic(self):
        """The outbox topic of this subscription's mail (what unsubscribing cancels)."""
        target = self.comment_id or self.article_id
        return f"{self.kind}:{target}" if target else self.kind


class DigestRun(models.Model):
    """One day's digest: the stories published in (since, until] went to every
    subscriber with something new. One row per day, so a day is never sent twice."""

    day = models.DateField(unique=True)
    since = models.DateTimeField()
    until = models.DateTimeField()
    sent = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-day"]

    def __str__(self):
        return f"Digest of {self.day}"
