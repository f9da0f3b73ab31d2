"""Posting a comment: who sent it, which rules it meets, and what happens next.

``post_comment`` is the only way a reader's comment enters the database. It
decides the status from the discussion settings and records every reason a
comment was held or marked as spam, so a moderator can see why.
"""

import hashlib
import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.cache import cache
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from .models import Comment
from .rendering import count_links

log = logging.getLogger(__name__)

FORM_SALT = "comments.form-shown"
PENDING_SALT = "comments.pending"
COOKIE_SALT = "comments.commenter"
COOKIE_NAME = "dd_commenter"
PENDING_MAX_AGE = 60 * 60 * 24 * 7


@dataclass
class Sender:
    """What we know about whoever sent a comment, besides the form."""

    ip_address: str | None
    user_agent: str = ""
    user: object = None  # a staff member replying from the site, else None
    same_origin: bool = False  # the browser said the form was on our own site
    author_key: str = ""  # from the signed "remember me" cookie, if any


class Refused(Exception):
    """A submission we do not store; the message is shown beside the form."""

    def __init__(self, message, status=400):
        super().__init__(message)
        self.message = message
        self.status = status


def client_ip(request):
    """The sender's address: the connection's, or the one the trusted proxies saw."""
    if settings.NUM_PROXIES:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= settings.NUM_PROXIES:
            return forwarded[-settings.NUM_PROXIES]
    return request.META.get("REMOTE_ADDR") or None


def form_timestamp():
    return signing.dumps(timezone.now().timestamp(), salt=FORM_SALT)


def seconds_since_shown(token):
    """How long ago the form was rendered, or None if the token is not ours."""
    try:
        shown = float(signing.loads(token, salt=FORM_SALT))
    except (signing.BadSignature, TypeError, ValueError):
        return None
    return timezone.now().timestamp() - shown


def pending_token(comment):
    return signing.dumps(comment.pk, salt=PENDING_SALT, compress=True)


def comment_from_pending_token(token, article):
    """The submitter's own unapproved comment on ``article``, for showing it in place."""
    try:
        pk = signing.loads(token, salt=PENDING_SALT, max_age=PENDING_MAX_AGE)
    except (signing.BadSignature, TypeError, ValueError):
        return None
    return (
        Comment.objects.filter(pk=pk, article=article)
        .exclude(status__in=[Comment.Status.APPROVED, Comment.Status.TRASH])
        .first()
    )


def hash_key(key):
    return hashlib.sha256(key.encode()).hexdigest() if key else ""


def read_commenter_cookie(request):
    """The remembered name, email, website and key, if the cookie is ours."""
    raw = request.COOKIES.get(COOKIE_NAME)
    if not raw:
        return None
    try:
        data = signing.loads(raw, salt=COOKIE_SALT)
    except signing.BadSignature:
        return None
    return data if isinstance(data, dict) else None


def check_rate_limit(ip_address):
    if not ip_address or settings.COMMENT_RATE_LIMIT <= 0:
        return
    key = f"comments:rate:{ip_address}"
    cache.add(key, 0, settings.COMMENT_RATE_WINDOW)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, settings.COMMENT_RATE_WINDOW)
        count = 1
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
        raise Refused(
            "You have already posted this comment on this story. If it is awaiting "
            "moderation it will appear once approved.",
            status=409,
        )


def _matches(entries, *, text, email, ip_address):
    for entry in entries:
        if entry == email or entry == (ip_address or ""):
            return entry
        if "@" not in entry and entry in text:
            return entry
    return None


def assess(article, data, sender, rules):
    """Return (status, reasons) for a new comment under the discussion settings."""
    email = data["email"].lower()
    text = " ".join([data["name"], data["body"], data.get("website", ""), email]).lower()

    if sender.user is not None and sender.user.is_staff and sender.same_origin:
        return Comment.Status.APPROVED, ["staff reply"]
    if data.get("honeypot"):
        return Comment.Status.SPAM, ["filled in the hidden field that only robots see"]
    blocked = _matches(rules.block_list, text=text, email=email, ip_address=sender.ip_address)
    if blocked:
        return Comment.Status.SPAM, [f"matches the blocklist: {blocked}"]

    reasons = []
    links = count_links(data["body"])
    if links >= rules.hold_link_count:
        reasons.append(f"contains {links} links (the limit is {rules.hold_link_count - 1})")
    held = _matches(rules.moderation_list, text=text, email=email, ip_address=sender.ip_address)
    if held:
        reasons.append(f"matches the moderation list: {held}")
    if reasons:
        return Comment.Status.PENDING, reasons

    if rules.approve_returning and sender.author_key:
        returning = Comment.objects.filter(
            email__iexact=email,
            status=Comment.Status.APPROVED,
            author_key_hash=hash_key(sender.author_key),
        ).exists()
        if returning:
            return Comment.Status.APPROVED, ["returning commenter (same browser key)"]
    if rules.manual_approval or rules.approve_returning:
        return Comment.Status.PENDING, ["every comment is approved by hand"]
    return Comment.Status.APPROVED, []


def comments_closed(article, rules, now=None):
    if not article.comments_open:
        return True
    if rules.close_after_days and article.publish_at:
        age = (now or timezone.now()) - article.publish_at
        return age > timedelta(days=rules.close_after_days)
    return False


def post_comment(article, data, sender, rules, parent=None, site_url=""):
    """Store a comment and tell the moderators if it waits for them."""
    status, reasons = assess(article, data, sender, rules)
    user = sender.user if sender.user is not None and sender.user.is_authenticated else None
    comment = Comment.objects.create(
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
    )
    if status == Comment.Status.PENDING and rules.notify_moderators:
        # robust: a failure to notify is logged; it never undoes or errors the post.
        transaction.on_commit(lambda: notify_moderators(comment, site_url), robust=True)
    return comment


def moderator_emails():
    User = get_user_model()
    users = User.objects.filter(is_active=True).filter(
        Q(groups__name="Moderators") | Q(is_superuser=True)
    )
    return sorted(set(users.exclude(email="").values_list("email", flat=True)))


def notify_moderators(comment, site_url=""):
    recipients = moderator_emails()
    if not recipients:
        return
    link = site_url + reverse("admin:comments_comment_change", args=[comment.pk])
    queue = site_url + reverse("admin:comments_comment_changelist") + "?status__exact=pending"
    body = "\n".join(
        [
            f"{comment.name} commented on “{comment.article.title}”.",
            "",
            comment.body,
            "",
            "Held because: " + ("; ".join(comment.reasons) or "every comment is approved by hand"),
            "",
            f"Approve, mark as spam or trash it: {link}",
            f"Everything awaiting moderation: {queue}",
        ]
    )
    try:
        send_mail(
            f"[{settings.SITE_NAME}] Comment awaiting moderation: {comment.article.title}",
            body,
            None,
            recipients,
        )
    except OSError:
        # The comment is safely stored and listed in the queue; a mail outage
        # must not turn a reader's successful post into an error.
        log.exception("Could not email moderators about comment %s", comment.pk)
