"""Opting in (double opt-in), confirming, and leaving."""

from django.db import transaction
from django.utils import timezone

from doggydiary import throttle
from doggydiary.outbox.queue import cancel

from . import links
from .compose import send
from .models import Subscriber, Subscription

Kind = Subscription.Kind

# Confirmation mails one client address may have sent from the sign-up forms: a
# household or an office signing up a few people gets through; a script typing
# strangers' addresses gets five mails an hour, not thousands. Only a mail that goes
# counts: a confirmed address, or one whose link is still valid, is sent nothing.
SIGNUPS_PER_ADDRESS = 5
SIGNUP_WINDOW = 60 * 60


def subscribe(email, kind, *, comment=None, article=None, sections=None, now=None, sent_from=None):
    """Record what ``email`` asked for; the first time (or once the last confirmation
    link has expired) send the one confirmation mail. Returns the Subscription.

    ``sent_from`` is the client address of a sign-up form: a confirmation it would
    send counts against that address's budget, and past it ``throttle.Locked`` is
    raised with nothing saved or sent."""
    now = now or timezone.now()
    with transaction.atomic():
        subscriber, _ = Subscriber.objects.get_or_create(email=email.strip().lower())
        subscription, _ = Subscription.objects.get_or_create(
            subscriber=subscriber, kind=kind, comment=comment, article=article
        )
        if sections is not None:
            subscription.sections.set(sections)
        if subscriber.confirmed_at is None:
            send_confirmation(subscriber, now, sent_from=sent_from)
    return subscription


def send_confirmation(subscriber, now, *, sent_from=None):
    last = subscriber.confirmation_sent_at
    if last is not None and now - last < links.CONFIRM_MAX_AGE:
        return False  # one confirmation while its link is valid: no mail-bombing
    if sent_from is not None:  # raises Locked: the caller's transaction saves nothing
        throttle.spend("signup", sent_from, SIGNUPS_PER_ADDRESS, SIGNUP_WINDOW)
    # Only the process that moves the time on sends: two requests at once send one.
    moved = Subscriber.objects.filter(pk=subscriber.pk, confirmation_sent_at=last).update(
        confirmation_sent_at=now
    )
    if not moved:
        return False
    subscriber.confirmation_sent_at = now
    subscriptions = list(subscriber.subscriptions.select_related("comment__article", "article"))
    send(
        subscriber,
        "confirm",
        "Please confirm your email address",
        {
            "confirm_url": links.link(subscriber, links.CONFIRM, now=now),
            "subscriptions": subscriptions,
        },
        topic="confirm",
        dedupe_key=f"confirm:{subscriber.pk}:{int(now.timestamp())}",
    )
    return True


def confirm(subscriber, now=None):
    if subscriber.confirmed_at is None:
        subscriber.confirmed_at = now or timezone.now()
        subscriber.save(update_fields=["confirmed_at"])
    return subscriber


def unsubscribe(subscriber, subscription_id=None):
    """Stop one subscription's mail (``subscription_id``), or all mail to the address
    (the subscriber is forgotten). Queued mail it covers is cancelled at once."""
    with transaction.atomic():
        if subscription_id:
            subscription = subscriber.subscriptions.filter(pk=subscription_id).first()
            if subscription is not None:
                cancel(subscriber.email, [subscription.topic])
                subscription.delete()
            return subscription is not None
        cancel(subscriber.email)
        subscriber.delete()
        return True
