"""Readers' mail: plain text and HTML parts from templates/site/mail/, with the
one-click unsubscribe headers (RFC 8058) and a visible link in every message."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from doggydiary.outbox.queue import enqueue

from . import links


def compose(subscriber, template, subject, context, subscription=None):
    unsubscribe = links.link(
        subscriber, links.UNSUBSCRIBE, {"s": subscription.pk if subscription else 0}
    )
    context = {
        **context,
        "SITE_NAME": settings.SITE_NAME,
        "site_url": links.site_address(),
        "unsubscribe_url": unsubscribe,
        "manage_url": links.link(subscriber, links.MANAGE),
    }
    message = EmailMultiAlternatives(
        subject=f"[{settings.SITE_NAME}] {subject}",
        body=render_to_string(f"mail/{template}.txt", context),
        to=[subscriber.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(render_to_string(f"mail/{template}.html", context), "text/html")
    return message


def send(subscriber, template, subject, context, *, topic, dedupe_key, subscription=None):
    """Queue one mail to ``subscriber``; the same ``dedupe_key`` is never queued twice."""
    message = compose(subscriber, template, subject, context, subscription)
    return enqueue(message, topic=topic, dedupe_key=dedupe_key)
