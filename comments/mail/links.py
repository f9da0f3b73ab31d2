"""Signed links in readers' mail. Each is "<subscriber id>.<signed value>", signed
with a salt per purpose that includes the subscriber's secret, so erasing or
replacing the subscriber voids every link ever sent to them."""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.urls import reverse

from ..tokens import ClockSigner
from .models import Subscriber

CONFIRM = "confirm"
UNSUBSCRIBE = "unsubscribe"
MANAGE = "manage"
CONFIRM_MAX_AGE = timedelta(days=7)
_ROUTES = {
    CONFIRM: "comments:mail_confirm",
    UNSUBSCRIBE: "comments:mail_unsubscribe",
    MANAGE: "comments:mail_manage",
}


GONE = "This address is no longer subscribed to anything, so there is nothing to do."
# One answer for a link with a wrong signature and one naming no subscriber, so that
# trying ids does not tell which exist.
NOT_VALID = (
    "This link does not work: it may have been copied only in part, or the address it "
    "was for gets no mail from us any more. Please use the whole link from the latest email."
)


class BadLink(Exception):
    """A link that is forged, expired or no longer names a subscriber."""

    def __init__(self, message, status=400):
        super().__init__(message)
        self.message = message
        self.status = status


def _signer(subscriber, purpose, now=None):
    salt = f"comments.mail.{purpose}:{subscriber.secret}"
    if purpose == CONFIRM:
        return ClockSigner(salt=salt, now=now)
    return signing.Signer(salt=salt)


def make_token(subscriber, purpose, payload=None, now=None):
    """``now``: the time a confirmation link says it was made (default: now)."""
    signed = _signer(subscriber, purpose, now).sign_object(payload or {})
    return f"{subscriber.pk}.{signed}"


def site_address():
    """The public address for links in mail, which has no request to ask."""
    return settings.SITE_URL or "http://127.0.0.1:8000"


def link(subscriber, purpose, payload=None, now=None):
    path = reverse(_ROUTES[purpose], args=[make_token(subscriber, purpose, payload, now)])
    return site_address() + path


def read_token(token, purpose):
    """(subscriber, payload) for a token made by ``make_token``; raises BadLink."""
    raw_pk, _, value = str(token).partition(".")
    if not (raw_pk.isascii() and raw_pk.isdigit()) or len(raw_pk) > 12 or not value:
        raise BadLink("This link is not one of ours. Please use the link from the email.")
    subscriber = Subscriber.objects.filter(pk=int(raw_pk)).first()
    if subscriber is None:
        raise BadLink(NOT_VALID)
    signer = _signer(subscriber, purpose)
    try:
        if purpose == CONFIRM:
            payload = signer.unsign_object(value, max_age=CONFIRM_MAX_AGE)
        else:
            payload = signer.unsign_object(value)
    except signing.SignatureExpired:
        raise BadLink(
            "This confirmation link has expired (they last seven days). "
            "Please sign up again to get a new one."
        ) from None
    except (signing.BadSignature, ValueError, TypeError):
        raise BadLink(NOT_VALID) from None
    return subscriber, payload if isinstance(payload, dict) else {}
