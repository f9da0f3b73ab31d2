"""Periodic work the mail worker runs on every pass, registered by the apps that own
it (comments registers the daily digest), so this package imports no app."""

import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from .models import OutboxMessage

log = logging.getLogger(__name__)
_jobs = []


def register(job):
    """``job(now)`` runs on each pass of the worker; it decides itself whether it is due."""
    if job not in _jobs:
        _jobs.append(job)
    return job


def run_due(now=None):
    now = now or timezone.now()
    for job in list(_jobs):
        try:
            job(now)
        except Exception:  # a failing job must not stop mail delivery
            log.exception("Worker job %s failed", getattr(job, "__name__", job))


_last_pruned = []


def prune_old_mail(now=None):
    """Forget mail sent (or given up) more than MAIL_KEEP_DAYS ago; at most hourly."""
    now = now or timezone.now()
    if _last_pruned and now - _last_pruned[-1] < timedelta(hours=1):
        return 0
    _last_pruned[:] = [now]
    done = [OutboxMessage.Status.SENT, OutboxMessage.Status.FAILED, OutboxMessage.Status.CANCELLED]
    cutoff = now - timedelta(days=settings.MAIL_KEEP_DAYS)
    return OutboxMessage.objects.filter(status__in=done, created_at__lt=cutoff).delete()[0]


register(prune_old_mail)
