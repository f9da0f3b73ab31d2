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


class SignupsPaused(Exception):
    """The budget cannot be counted (the cache is down or full), so no confirmation
    mail goes to an address typed into a public form: it could be anyone's."""


def subscribe(email, kind, *, comment=None, article=None, sections=None, now=None, sent_from=None):
    """Record what ``email`` asked for; the first time (or once the last confirmation
    link has expired) send the one confirmation mail. Returns the Subscription.

    ``sent_from`` is the client address of a public sign-up form. Anyone can type any
    address there, so a subscription it adds waits for its own confirmation even when
    the address has confirmed something before; the confirmation mail counts against
    that client address's budget, and past it ``throttle.Locked`` is raised with
    nothing saved or sent (``SignupsPaused`` when the budget cannot be counted)."""
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
        elif subscription.confirmed_at is None:
            if sent_from is None:  # the address's own signed link, or its own comment
                _confirm_subscriptions([subscription.pk], now)
            else:
                send_confirmation(subscriber, now, sent_from=sent_from, one=subscription)
    return subscription


def send_confirmation(subscriber, now, *, sent_from=None, one=None):
    """The confirmation mail: of the address (with what it asked for), or, with
    ``one``, of that one subscription of an address confirmed before."""
    waiting = one or subscriber
    last = waiting.confirmation_sent_at
    if last is not None and now - last < links.CONFIRM_MAX_AGE:
        return False  # one confirmation while its link is valid: no mail-bombing
    # Locked or SignupsPaused: the caller's transaction saves nothing.
    if sent_from is not None and not throttle.spend(
        "signup", sent_from, SIGNUPS_PER_ADDRESS, SIGNUP_WINDOW
    ):
        raise SignupsPaused
    # Only the process that moves the time on sends: two requests at once send one.
    moved = type(waiting).objects.filter(pk=waiting.pk, confirmation_sent_at=last)
    if not moved.update(confirmation_sent_at=now):
        return False
    waiting.confirmation_sent_at = now
    if one is None:
        subscriptions = subscriber.subscriptions.select_related("comment__article", "article")
        payload, key = None, f"confirm:{subscriber.pk}:{int(now.timestamp())}"
    else:
        subscriptions = [one]
        payload, key = {"s": one.pk}, f"confirm:{subscriber.pk}:{one.pk}:{int(now.timestamp())}"
    send(
        subscriber,
        "confirm",
        "Please confirm your email address" if one is None else "Please confirm your subscription",
        {
            "confirm_url": links.link(subscriber, links.CONFIRM, payload, now=now),
            "subscriptions": list(subscriptions),
        },
        topic="confirm",
        dedupe_key=key,
    )
    return True


def confirm(subscriber, now=None, subscription_id=None):
    """Confirm the address and everything it asked for before; with
    ``subscription_id``, that one subscription. A link for the address opened again
    after it was confirmed confirms nothing that was added since."""
    now = now or timezone.now()
    if subscription_id is not None:
        _confirm_subscriptions([subscription_id], now, subscriber=subscriber)
    if subscriber.confirmed_at is None:
        subscriber.confirmed_at = now
        subscriber.save(update_fields=["confirmed_at"])
        _confirm_subscriptions(subscriber.subscriptions.values("pk"), now)
    return subscriber


def _confirm_subscriptions(ids, now, subscriber=None):
    chosen = Subscription.objects.filter(pk__in=ids, confirmed_at__isnull=True)
    if subscriber is not None:
        chosen = chosen.filter(subscriber=subscriber)
    return chosen.update(confirmed_at=now)


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
