"""The discussion policy: whether a story still takes comments, what status a new
comment gets under the discussion settings, and who is told about a comment that waits.

``DiscussionPolicy`` gathers the three in the shape of django-contrib-comments'
``CommentModerator`` (``allow``, ``moderate``, ``email``). Like that module, this
decides; it does not store: ``services.post_comment`` stores, and ``decisions`` makes
and records every change after that.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from doggydiary.roles import MODERATORS

from .models import Comment, DiscussionSettings
from .rendering import count_links
from .tokens import hash_key

log = logging.getLogger(__name__)


def _matches(entries, *, text, email, ip_address):
    for entry in entries:
        if entry == email or entry == (ip_address or ""):
            return entry
        if "@" not in entry and entry in text:
            return entry
    return None


def _held_reasons(data, email, text, sender, rules):
    reasons = []
    links = count_links(data["body"])
    if links >= rules.hold_link_count:
        reasons.append(f"contains {links} links (the limit is {rules.hold_link_count - 1})")
    held = _matches(rules.moderation_list, text=text, email=email, ip_address=sender.ip_address)
    if held:
        reasons.append(f"matches the moderation list: {held}")
    return reasons


def _is_returning(email, sender):
    return Comment.objects.filter(
        email__iexact=email,
        status=Comment.Status.APPROVED,
        author_key_hash=hash_key(sender.author_key),
    ).exists()


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
    reasons = _held_reasons(data, email, text, sender, rules)
    if reasons:
        return Comment.Status.PENDING, reasons
    if rules.approve_returning and sender.author_key and _is_returning(email, sender):
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


def moderator_emails():
    User = get_user_model()
    users = User.objects.filter(is_active=True).filter(
        Q(groups__name=MODERATORS) | Q(is_superuser=True)
    )
    return sorted(set(users.exclude(email="").values_list("email", flat=True)))


def notify_moderators(comment, site_url=""):
    recipients = moderator_emails()
    if not recipients:
        return
    # The keyboard moderation screen: the story's waiting comments, this one in view.
    screen = site_url + reverse("admin:comments_comment_moderation")
    link = f"{screen}?status=pending&story={comment.article_id}#mod-{comment.pk}"
    queue = f"{screen}?status=pending"
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


class DiscussionPolicy:
    """The discussion settings applied to one story's comments, one question a method,
    as django-contrib-comments' ``CommentModerator``."""

    def __init__(self, rules=None):
        self.rules = rules if rules is not None else DiscussionSettings.load()

    def allow(self, article, now=None):
        """May ``article`` take a new comment now?"""
        return not comments_closed(article, self.rules, now=now)

    def moderate(self, article, data, sender):
        """(status, reasons) for a new comment."""
        return assess(article, data, sender, self.rules)

    def email(self, comment, site_url=""):
        """Tell the moderators, once the transaction commits, of a comment that waits.
        A failure to mail is logged; it never undoes or errors the change."""
        if comment.status == Comment.Status.PENDING and self.rules.notify_moderators:
            address = site_url or settings.SITE_URL
            transaction.on_commit(lambda: notify_moderators(comment, address), robust=True)
