"""Delivering the outbox: claim due rows, send each, mark it; retry with backoff.

At least once, with a narrow window: a row is marked sent right after the SMTP
server accepts it, so only a worker killed between those two steps sends it again
(after the lease runs out), with the same Message-ID. A live worker renews its claim
before each send and skips a row that is no longer its own, so a batch that outlasts
the lease (a slow or greylisting server) is never sent twice by two workers.
"""

import logging
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db import connection, transaction
from django.db.models.functions import Lower
from django.utils import timezone

from .models import OutboxMessage
from .queue import build

log = logging.getLogger(__name__)

BACKOFF = [30, 120, 600, 3600]  # seconds after the 1st, 2nd, 3rd, later failures
BATCH = 50
Status = OutboxMessage.Status


def backoff(attempts):
    return timedelta(seconds=BACKOFF[min(attempts, len(BACKOFF)) - 1])


def release_stale(now=None):
    """Rows a killed worker left "sending" past their lease go back in the queue."""
    now = now or timezone.now()
    return OutboxMessage.objects.filter(status=Status.SENDING, lease_until__lt=now).update(
        status=Status.QUEUED, claim=""
    )


def claim(now=None, limit=BATCH):
    """Mark up to ``limit`` due rows as this worker's, atomically; return them."""
    now = now or timezone.now()
    token = uuid.uuid4().hex
    due = OutboxMessage.objects.filter(status=Status.QUEUED, next_attempt_at__lte=now)
    due = due.order_by("next_attempt_at", "pk")
    with transaction.atomic():
        if connection.features.has_select_for_update_skip_locked:
            due = due.select_for_update(skip_locked=True)
        ids = list(due.values_list("pk", flat=True)[:limit])
        # On SQLite the transaction holds the write lock (BEGIN IMMEDIATE); the
        # status guard keeps the claim exact anywhere else.
        OutboxMessage.objects.filter(pk__in=ids, status=Status.QUEUED).update(
            status=Status.SENDING,
            claim=token,
            lease_until=now + timedelta(seconds=settings.MAIL_LEASE_SECONDS),
        )
    return list(OutboxMessage.objects.filter(claim=token, status=Status.SENDING).order_by("pk"))


class RecipientBound:
    """At most MAIL_PER_RECIPIENT_PER_HOUR sent to one address in any hour: the
    batch's recent sends are read in one query and counted on as it goes."""

    def __init__(self, rows, now):
        self.limit = settings.MAIL_PER_RECIPIENT_PER_HOUR
        self.sent = {}
        if self.limit <= 0 or not rows:
            return
        recent = (
            OutboxMessage.objects.annotate(address=Lower("recipient"))
            .filter(
                address__in={row.recipient.lower() for row in rows},
                status=Status.SENT,
                sent_at__gt=now - timedelta(hours=1),
            )
            .values_list("address", "sent_at")
        )
        for address, sent_at in recent:
            self.sent.setdefault(address, []).append(sent_at)

    def wait_until(self, row):
        """When ``row`` may go, if its recipient has had their hour's share; else None."""
        times = self.sent.get(row.recipient.lower(), [])
        if self.limit <= 0 or len(times) < self.limit:
            return None
        return sorted(times)[-self.limit] + timedelta(hours=1)

    def count(self, row, when):
        self.sent.setdefault(row.recipient.lower(), []).append(when)


def still_mine(row):
    """Renew the claim on ``row`` if it is still this worker's (another worker may have
    freed and claimed it after the lease ran out), and on the rows after it in the
    batch; False if it is no longer ours."""
    lease_until = timezone.now() + timedelta(seconds=settings.MAIL_LEASE_SECONDS)
    mine = OutboxMessage.objects.filter(claim=row.claim, status=Status.SENDING)
    if not mine.filter(pk=row.pk).update(lease_until=lease_until):
        return False
    mine.filter(pk__gt=row.pk).update(lease_until=lease_until)
    return True


def _mark(row, **fields):
    OutboxMessage.objects.filter(pk=row.pk, claim=row.claim).update(claim="", **fields)


def _failed(row, error, now):
    attempts = row.attempts + 1
    given_up = attempts >= settings.MAIL_MAX_ATTEMPTS
    _mark(
        row,
        status=Status.FAILED if given_up else Status.QUEUED,
        attempts=attempts,
        next_attempt_at=now + backoff(attempts),
        last_error=f"{type(error).__name__}: {error}"[:2000],
    )
    log.warning("Mail %s to the outbox recipient failed (attempt %s): %s", row.pk, attempts, error)


def _close(mailer):
    try:
        mailer.close()
    except Exception:  # noqa: BLE001 - closing a dead connection
        log.debug("Closing the mail connection failed", exc_info=True)


def deliver(rows, now=None):
    """Send claimed ``rows`` over one connection; return how many were sent."""
    now = now or timezone.now()
    mailer = get_connection(
        settings.EMAIL_DELIVERY_BACKEND, fail_silently=False, timeout=settings.EMAIL_TIMEOUT
    )
    try:
        mailer.open()
    except Exception as error:  # noqa: BLE001 - the server is down: all wait their turn
        for row in rows:
            _failed(row, error, now)
        return 0
    sent = 0
    bound = RecipientBound(rows, now)
    try:
        for row in rows:
            if not still_mine(row):
                continue
            wait_until = bound.wait_until(row)
            if wait_until is not None:
                _mark(row, status=Status.QUEUED, next_attempt_at=wait_until)
                continue
            try:
                if mailer.send_messages([build(row)]) != 1:
                    raise OSError("the mail server accepted nothing")
            except Exception as error:  # noqa: BLE001 - any failure is retried
                _failed(row, error, now)
                _close(mailer)  # the next message opens a fresh connection
                continue
            when = timezone.now()
            _mark(row, status=Status.SENT, sent_at=when, last_error="")
            bound.count(row, when)
            sent += 1
    finally:
        _close(mailer)
    return sent


def deliver_due(now=None, limit=BATCH):
    """One pass of the worker's sending: free stale claims, claim, deliver."""
    release_stale(now)
    return deliver(claim(now, limit), now)
