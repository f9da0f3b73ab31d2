from django.db import models
from django.db.models import Q
from django.utils import timezone


class OutboxMessage(models.Model):
    """One email to one recipient, from the moment it is asked for until it is sent.
    The rows are also the record of the mail an address was sent (privacy export)."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"
        CANCELLED = "cancelled", "Cancelled"

    recipient = models.EmailField(max_length=254)
    subject = models.CharField(max_length=300)
    # The EmailMultiAlternatives as JSON: from, body, html part, headers (with a
    # Message-ID fixed for this row, so a rare second delivery is recognisable).
    message = models.JSONField()
    # What the mail is about, so an unsubscribe can cancel what is still queued,
    # e.g. "comment:12", "story:3", "digest", "confirm".
    topic = models.CharField(max_length=40, blank=True)
    dedupe_key = models.CharField(  # noqa: DJ001 (NULLs are not equal; "" would be)
        max_length=120, null=True, blank=True, help_text="The same notice is queued once."
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    lease_until = models.DateTimeField(null=True, blank=True)
    claim = models.CharField(max_length=32, blank=True, editable=False)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "outgoing email"
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="outbox_due_idx"),
            models.Index(fields=["recipient", "sent_at"], name="outbox_recipient_idx"),
            models.Index(fields=["claim"], name="outbox_claim_idx"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["dedupe_key"], name="outbox_dedupe_unique"),
            models.CheckConstraint(
                condition=Q(status__in=["queued", "sending", "sent", "failed", "cancelled"]),
                name="outbox_status_known",
            ),
        ]

    def __str__(self):
        return f"{self.subject} → {self.recipient} ({self.status})"
