import logging

from django.core.mail.backends.base import BaseEmailBackend
from django.db import DatabaseError

from .queue import enqueue

log = logging.getLogger(__name__)


class OutboxBackend(BaseEmailBackend):
    """EMAIL_BACKEND for the site: ``send_mail()`` adds rows to the outbox in the
    current transaction (a rolled-back change sends nothing, a request never waits on
    SMTP); ``manage.py run_worker`` delivers them."""

    def send_messages(self, email_messages):
        try:
            return sum(1 for message in email_messages if enqueue(message))
        except DatabaseError:
            if not self.fail_silently:
                raise
            # e.g. an error report about the database being down: nowhere to keep it.
            log.exception("Could not queue mail")
            return 0
