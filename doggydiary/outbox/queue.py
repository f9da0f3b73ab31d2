"""Putting mail in the outbox, and turning a row back into a message to send."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.message import make_msgid
from django.db import transaction

from .models import OutboxMessage


def serialize(message):
    """What a row stores of an EmailMessage; attachments are not supported."""
    if getattr(message, "attachments", None):
        raise ValueError("The outbox does not carry attachments.")
    alternatives = [
        [alt.content, alt.mimetype] if hasattr(alt, "mimetype") else list(alt)
        for alt in getattr(message, "alternatives", [])
    ]
    return {
        "from": message.from_email or settings.DEFAULT_FROM_EMAIL,
        "body": message.body,
        "alternatives": alternatives,
        "headers": {str(k): str(v) for k, v in message.extra_headers.items()},
        "reply_to": list(message.reply_to),
    }


def build(row):
    """The EmailMultiAlternatives a row stands for, addressed to its one recipient."""
    data = row.message
    email = EmailMultiAlternatives(
        subject=row.subject,
        body=data["body"],
        from_email=data["from"],
        to=[row.recipient],
        headers=data["headers"],
        reply_to=data.get("reply_to") or None,
    )
    for content, mimetype in data.get("alternatives", []):
        email.attach_alternative(content, mimetype)
    return email


def enqueue(message, *, topic="", dedupe_key=None):
    """Queue ``message`` once per recipient (so no recipient sees another's address),
    in the caller's transaction. Returns how many rows were added; with a
    ``dedupe_key`` already used, none (the same notice is never queued twice)."""
    recipients = [*message.to, *message.cc, *message.bcc]
    rows = []
    for index, recipient in enumerate(recipients):
        data = serialize(message)
        data["headers"].setdefault("Message-ID", make_msgid(domain=_domain()))
        key = dedupe_key if len(recipients) == 1 or not dedupe_key else f"{dedupe_key}:{index}"
        rows.append(
            OutboxMessage(
                recipient=recipient,
                subject=str(message.subject)[:300],
                message=data,
                topic=topic,
                dedupe_key=key,
            )
        )
    if dedupe_key:
        taken = set(
            OutboxMessage.objects.filter(
                dedupe_key__in=[row.dedupe_key for row in rows]
            ).values_list("dedupe_key", flat=True)
        )
        rows = [row for row in rows if row.dedupe_key not in taken]
    if not rows:
        return 0
    with transaction.atomic():
        # ignore_conflicts: two processes queuing the same notice at once add one row.
        OutboxMessage.objects.bulk_create(rows, ignore_conflicts=bool(dedupe_key))
    return len(rows)


def cancel(recipient, topics=None):
    """Stop queued mail to ``recipient`` (about ``topics`` only, when given)."""
    queued = OutboxMessage.objects.filter(
        recipient__iexact=recipient, status=OutboxMessage.Status.QUEUED
    )
    if topics is not None:
        queued = queued.filter(topic__in=list(topics))
    return queued.update(status=OutboxMessage.Status.CANCELLED)


def _domain():
    sender = settings.DEFAULT_FROM_EMAIL
    domain = sender.rsplit("@", 1)[-1].strip("> ") if "@" in sender else ""
    return domain or "localhost"
