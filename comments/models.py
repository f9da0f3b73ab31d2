import hashlib

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Func, IntegerField, Q
from django.urls import reverse

from . import rendering


class CommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Comment.Status.APPROVED)

    def pending(self):
        return self.filter(status=Comment.Status.PENDING)

    def bulk_create(self, objs, *args, **kwargs):
        """As Django's, and then each comment's card, which needs its id and time."""
        created = super().bulk_create(objs, *args, **kwargs)
        for comment in created:
            comment.card_html = rendering.render_card(comment)
        self.bulk_update([c for c in created if c.pk], ["card_html"], batch_size=500)
        return created


class PendingFirst(Func):
    """0 for a pending comment, 1 for any other: the moderation queue's first sort key.
    Written with literals rather than query parameters, so that SQLite and PostgreSQL
    both recognise it as the expression of ``comment_pending_first_idx``."""

    template = "CASE WHEN %(expressions)s = 'pending' THEN 0 ELSE 1 END"
    output_field = IntegerField()

    def __init__(self):
        super().__init__(F("status"))


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        APPROVED = "approved", "Approved"
        SPAM = "spam", "Spam"
        TRASH = "trash", "Trash"

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="comments", verbose_name="story"
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    # The top of the thread, so one query fetches whole threads for a page.
    root = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="+", editable=False
    )
    depth = models.PositiveSmallIntegerField(default=1, editable=False)
    name = models.CharField(max_length=80)
    email = models.EmailField(help_text="Never shown on the site.")
    website = models.URLField(blank=True, max_length=300)
    body = models.TextField("comment", help_text="As typed.")
    body_html = models.TextField(editable=False, default="")
    # Everything the thread shows of the comment that is the same for every reader.
    card_html = models.TextField(editable=False, default="")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    reasons = models.JSONField(
        default=list, blank=True, help_text="Why the comment was held or marked as spam."
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    ip_address = models.GenericIPAddressField("IP address", null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_staff_reply = models.BooleanField("staff", default=False)
    # sha256 of the random key in the commenter's "remember me" cookie; proves a
    # later comment comes from the same browser, which an email address cannot.
    author_key_hash = models.CharField(max_length=64, blank=True, editable=False)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    moderated_at = models.DateTimeField(null=True, blank=True, editable=False)
    # For comments posted through the form: the same text from the same address on
    # the same story, as one value the database keeps unique, so two copies sent
    # at the same moment cannot both be stored. NULL for comments made otherwise
    # and while a comment is in the trash (trashed text may be sent again).
    fingerprint = models.CharField(  # noqa: DJ001 (NULLs are not equal; "" would be)
        max_length=64, null=True, blank=True, editable=False
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["article", "status", "created_at"], name="comment_thread_idx"),
            # A story's threads in order: a later page of a long discussion skips to its
            # place in this index alone (PostgreSQL sorted every thread's row: 5 ms for
            # the 41st page of 2,000 threads, 0.5 ms from here).
            models.Index(
                fields=["article", "status", "created_at", "id"],
                condition=Q(parent__isnull=True),
                name="comment_roots_idx",
            ),
            # The admin lists at a million comments: each page is read from one of
            # these in its own order, and the counts per status and story from them.
            models.Index(fields=["status", "-created_at", "-id"], name="comment_status_newest_idx"),
            models.Index(
                PendingFirst(),
                F("created_at").desc(),
                F("id").desc(),
                F("status"),  # so PostgreSQL skips to a late page in the index alone
                name="comment_pending_first_idx",
            ),
            models.Index(fields=["status", "article"], name="comment_status_story_idx"),
            # A commenter's comments, and how many were approved before a given one.
            models.Index(fields=["email", "status", "created_at"], name="comment_email_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["pending", "approved", "spam", "trash"]),
                name="comment_status_known",
            ),
            models.CheckConstraint(condition=~Q(parent=F("pk")), name="comment_not_own_parent"),
            models.UniqueConstraint(fields=["fingerprint"], name="comment_fingerprint_unique"),
        ]

    def __str__(self):
        return f"{self.name} on {self.article}"

    def save(self, *args, **kwargs):
        self.body_html = rendering.render_body(self.body)
        if self.parent_id and not self.root_id:
            self.root_id = self.parent.root_id or self.parent_id
            self.depth = self.parent.depth + 1
        # The card links to the comment's id and shows its time, which a new
        # comment only has once it is written.
        new = self.pk is None or self.created_at is None
        if not new:
            self.card_html = rendering.render_card(self)
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "card_html"}
        super().save(*args, **kwargs)
        if new:
            self.card_html = rendering.render_card(self)
            Comment.objects.filter(pk=self.pk).update(card_html=self.card_html)

    def get_absolute_url(self):
        return reverse("comments:permalink", kwargs={"pk": self.pk})

    @property
    def anchor(self):
        return f"comment-{self.pk}"

    @property
    def initials(self):
        return rendering.initials(self.name)

    @property
    def avatar_hue(self):
        return rendering.avatar_hue(self.name)


def fingerprint(article_id, email, body):
    """What makes two comments the same comment: story, address (any case) and text
    (any case or spacing)."""
    text = " ".join(body.lower().split())
    return hashlib.sha256(f"{article_id}\n{email.lower()}\n{text}".encode()).hexdigest()


class ModerationAction(models.Model):
    """One change to a comment after it was posted, by a moderator or by its author:
    who, when, from which status to which. The audit trail, and what "undo" reverses
    (a moderator's decisions only). When an author withdraws a comment nobody answered,
    it is deleted with its lines, and one line says so, without the comment."""

    class Kind(models.TextChoices):
        APPROVE = "approve", "Approved"
        SPAM = "spam", "Marked as spam"
        TRASH = "trash", "Moved to trash"
        PENDING = "pending", "Sent back to pending"
        UNDO = "undo", "Undone"
        REPLY = "reply", "Replied"
        EDIT = "edit", "Edited"
        AUTHOR_EDIT = "author_edit", "Edited by its author"
        WITHDRAWN = "withdrawn", "Withdrawn by its author"

    comment = models.ForeignKey(
        Comment, null=True, blank=True, on_delete=models.CASCADE, related_name="actions"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    from_status = models.CharField(max_length=10, choices=Comment.Status.choices)
    to_status = models.CharField(max_length=10, choices=Comment.Status.choices)
    note = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "-created_at"], name="moderation_action_user_idx")]

    def __str__(self):
        who = self.user or "someone"
        return f"{self.get_kind_display()} by {who} at {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def by_author(self):
        return self.kind in (self.Kind.AUTHOR_EDIT, self.Kind.WITHDRAWN)

    @property
    def actor(self):
        """Who acted, as the trail names them."""
        if self.user is not None:
            return str(self.user)
        return "the author" if self.by_author else "someone no longer here"


def _lines(text):
    return [line.strip().lower() for line in text.splitlines() if line.strip()]


class DiscussionSettings(models.Model):
    """The site's one set of discussion rules, edited by moderators in the admin."""

    manual_approval = models.BooleanField(
        "comments must be manually approved",
        default=True,
    )
    approve_returning = models.BooleanField(
        "approve commenters who already have an approved comment",
        default=False,
        help_text=(
            "Only when the comment comes from the browser that wrote the approved one "
            "(it holds a signed key from 'remember me'): knowing someone's email is not enough."
        ),
    )
    hold_link_count = models.PositiveSmallIntegerField(
        "hold a comment with this many links or more",
        default=2,
        validators=[MinValueValidator(1)],
    )
    moderation_words = models.TextField(
        "hold for moderation",
        blank=True,
        help_text="One word, phrase, email address or IP address per line.",
    )
    blocklist = models.TextField(
        "send straight to spam",
        blank=True,
        help_text="One word, phrase, email address or IP address per line.",
    )
    close_after_days = models.PositiveIntegerField(
        "close comments on stories older than (days)",
        null=True,
        blank=True,
        help_text="Leave empty to keep comments open.",
    )
    comments_per_page = models.PositiveSmallIntegerField(
        "threads per page", default=50, validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    thread_depth = models.PositiveSmallIntegerField(
        "reply depth",
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text="1 means no replies.",
    )
    notify_moderators = models.BooleanField(
        "email moderators about each comment awaiting moderation", default=True
    )

    class Meta:
        verbose_name = verbose_name_plural = "discussion settings"
        constraints = [models.CheckConstraint(condition=Q(pk=1), name="discussion_settings_single")]

    def __str__(self):
        return "Discussion settings"

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)

    @classmethod
    def load(cls):
        return cls.objects.get_or_create(pk=1)[0]

    @property
    def moderation_list(self):
        return _lines(self.moderation_words)

    @property
    def block_list(self):
        return _lines(self.blocklist)


# Readers' mail subscriptions live in comments/mail/; imported here so Django finds them.
from .mail.models import DigestRun, Subscriber, Subscription  # noqa: E402, F401
