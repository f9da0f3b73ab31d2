"""Posting a comment: whether a submission may be stored, and storing it.

``check_submission`` holds every rule an incoming comment must pass and raises
``Refused`` with the message the reader sees; ``post_comment`` is the only way a
reader's comment enters the database, with the status the moderation policy
gives it and every reason it was held.
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction

from doggydiary import throttle
from doggydiary.site import client_ip  # noqa: F401 - re-exported for the views

from . import decisions, moderation
from .models import Comment, fingerprint
from .signals import comment_posted
from .tokens import hash_key

logger = logging.getLogger(__name__)

CROSS_SITE = (
    "Your comment was not sent because it came from another website's page. "
    "If you wrote it here, please press Post Comment again."
)
CLOSED = "Comments are closed on this story. Your text is kept below."
EXPIRED = (
    "Your comment was not sent because the form had expired. "
    "Please check it and press Post Comment again."
)
TOO_FAST = (
    "That was quicker than a person usually types. "
    "Please check your comment and press Post Comment again."
)
DUPLICATE = (
    "You have already posted this comment on this story. If it is awaiting "
    "moderation it will appear once approved."
)
UNAVAILABLE = (
    "We can't save comments right now: the site is only taking reads for a moment. "
    "Your text is kept below; please press Post Comment again in a few minutes."
)


@dataclass
class Sender:
    """What we know about whoever sent a comment, besides the form."""

    ip_address: str | None
    user_agent: str = ""
    user: object = None  # a staff member replying from the site, else None
    same_origin: bool = False  # the browser said the form was on our own site
    author_key: str = ""  # from the signed "remember me" cookie, if any


class Refused(Exception):
    """A submission we do not store. ``message`` is shown above the form; None means
    the form's own field errors say what is wrong."""

    def __init__(self, message=None, status=400):
        super().__init__(message or "The form has errors.")
        self.message = message
        self.status = status


def check_rate_limit(ip_address):
    if not ip_address or settings.COMMENT_RATE_LIMIT <= 0:
        return
    try:
        count, _left = throttle.count(f"comments:rate:{ip_address}", settings.COMMENT_RATE_WINDOW)
    except throttle.STORE_ERRORS:
        # A store that cannot count must not lose the reader's text: the comment goes on
        # to moderation uncounted (moderation still sees every one).
        logger.warning("Comment rate limit skipped: its store cannot count.", exc_info=True)
        return
    if count > settings.COMMENT_RATE_LIMIT:
        minutes = max(1, settings.COMMENT_RATE_WINDOW // 60)
        raise Refused(
            f"You have sent several comments in a short time. Please wait a few minutes "
            f"(up to {minutes}) and send this one again: your text is kept below.",
            status=429,
        )


def _normalised(text):
    return " ".join(text.lower().split())


def check_duplicate(article, email, body):
    recent = Comment.objects.filter(article=article, email__iexact=email).exclude(
        status=Comment.Status.TRASH
    )
    wanted = _normalised(body)
    if any(_normalised(text) == wanted for text in recent.values_list("body", flat=True)):
        raise Refused(DUPLICATE, status=409)


def check_submission(article, rules, *, cleaned, origin, age, ip_address):
    """Raise ``Refused`` unless this submission may be stored.

    ``cleaned`` is the form's cleaned data (None when the form has errors),
    ``origin`` the browser's word on where the form was (True, False or None when
    it says nothing), ``age`` the seconds since the form was shown (None when its
    token is not ours). The checks run cheapest first; the rate limit counts only
    submissions that got that far.
    """
    if origin is False:
        raise Refused(CROSS_SITE, status=403)
    if not moderation.DiscussionPolicy(rules).allow(article):
        raise Refused(CLOSED, status=403)
    if cleaned is None:
        raise Refused(status=400)
    if age is None:
        raise Refused(EXPIRED, status=400)
    if age < settings.COMMENT_MIN_SECONDS:
        raise Refused(TOO_FAST, status=400)
    check_rate_limit(ip_address)
    check_duplicate(article, cleaned["email"], cleaned["body"])


def post_comment(article, data, sender, rules, parent=None, site_url=""):
    """Store a comment and tell the moderators if it waits for them."""
    policy = moderation.DiscussionPolicy(rules)
    status, reasons = policy.moderate(article, data, sender)
    user = sender.user if sender.user is not None and sender.user.is_authenticated else None
    try:
        # A savepoint: the database's unique fingerprint refuses the second of two
        # copies sent at the same moment, which check_duplicate cannot see.
        # Announced in the same transaction: a comment whose pages cannot move on is
        # not stored.
        with transaction.atomic():
            comment = _create(article, data, sender, status, reasons, user, parent)
            decisions.posted(comment)
    except IntegrityError as error:
        if "fingerprint" not in str(error):
            raise
        raise Refused(DUPLICATE, status=409) from None
    policy.email(comment, site_url)
    notify = bool(data.get("notify"))  # the "email me" box: comments.notices opts in
    transaction.on_commit(
        lambda: comment_posted.send(sender=Comment, comment=comment, notify=notify), robust=True
    )
    return comment


def _create(article, data, sender, status, reasons, user, parent):
    return Comment.objects.create(
        article=article,
        parent=parent,
        name=data["name"],
        email=data["email"],
        website=data.get("website", ""),
        body=data["body"],
        status=status,
        reasons=reasons,
        ip_address=sender.ip_address,
        user_agent=sender.user_agent[:300],
        user=user,
        is_staff_reply=bool(user and user.is_staff and status == Comment.Status.APPROVED),
        author_key_hash=hash_key(sender.author_key),
        fingerprint=fingerprint(article.pk, data["email"], data["body"]),
    )
