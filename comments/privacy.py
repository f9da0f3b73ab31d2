"""A commenter's personal data: export it, erase it, and forget addresses after a while.

Commenters are known only by the email address they typed, so every request is
answered for all comments with that address, whatever its capitalisation.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from doggydiary.outbox.models import OutboxMessage

from . import decisions
from .mail.models import Subscriber
from .models import Comment

TOMBSTONE_NAME = "Deleted"
TOMBSTONE_BODY = "This comment was removed at its author's request."


def comments_by(email):
    email = email.strip()
    if not email:
        raise ValueError("An email address is needed.")
    return Comment.objects.filter(email__iexact=email)


def export_personal_data(email):
    """Everything stored about the commenter with this email address, ready for JSON."""
    comments = comments_by(email).select_related("article").order_by("created_at", "pk")
    return {
        "email": email.strip(),
        "exported_at": timezone.now().isoformat(),
        "comments": [
            {
                "id": comment.pk,
                "story": {
                    "title": comment.article.title,
                    "url": comment.article.get_absolute_url(),
                },
                "name": comment.name,
                "email": comment.email,
                "website": comment.website,
                "body": comment.body,
                "status": comment.status,
                "created_at": comment.created_at.isoformat(),
                "ip_address": comment.ip_address,
                "user_agent": comment.user_agent,
            }
            for comment in comments
        ],
        **_mail_data(email.strip()),
    }


def _mail_data(email):
    """What the address subscribed to and every mail queued or sent to it."""
    subscriber = (
        Subscriber.objects.filter(email__iexact=email)
        .prefetch_related("subscriptions__sections", "subscriptions__article")
        .first()
    )
    subscriptions = []
    if subscriber is not None:
        subscriptions = [
            {
                "kind": sub.kind,
                "comment": sub.comment_id,
                "story": sub.article.title if sub.article else None,
                "sections": [section.name for section in sub.sections.all()],
                "created_at": sub.created_at.isoformat(),
            }
            for sub in subscriber.subscriptions.all()
        ]
    mail = OutboxMessage.objects.filter(recipient__iexact=email).order_by("created_at", "pk")
    return {
        "subscriber": {
            "email": subscriber.email,
            "created_at": subscriber.created_at.isoformat(),
            "confirmed_at": subscriber.confirmed_at and subscriber.confirmed_at.isoformat(),
        }
        if subscriber
        else None,
        "subscriptions": subscriptions,
        "mail": [
            {
                "subject": row.subject,
                "body": row.message.get("body", ""),
                "status": row.status,
                "created_at": row.created_at.isoformat(),
                "sent_at": row.sent_at and row.sent_at.isoformat(),
            }
            for row in mail
        ],
    }


@transaction.atomic
def erase_personal_data(email):
    """Erase every comment by this email address; return how many were erased.

    Deleting a comment deletes its replies, so one that others have answered is
    kept as an anonymous tombstone and their replies stay in the thread.
    """
    erased, stories = 0, set()
    # Their subscriptions and every mail queued or sent to them go too.
    Subscriber.objects.filter(email__iexact=email.strip()).delete()
    OutboxMessage.objects.filter(recipient__iexact=email.strip()).delete()
    # Deepest first: by the time a comment is reached, its own replies by the
    # same commenter are gone and only other people's replies remain.
    for comment in comments_by(email).order_by("-depth", "-pk"):
        if comment.replies.exists():
            comment.name = TOMBSTONE_NAME
            comment.email = ""
            comment.website = ""
            comment.body = TOMBSTONE_BODY
            comment.ip_address = None
            comment.user_agent = ""
            comment.author_key_hash = ""
            comment.user = None
            comment.reasons = []  # may quote the address the moderation list matched
            comment.save()  # re-renders body_html from the new body
        else:
            comment.delete()
        erased += 1
        stories.add(comment.article_id)
    decisions.erased(stories)
    return erased


def clear_old_ip_addresses(days=None):
    """Forget the IP address and browser of comments older than ``days``; return how many."""
    if days is None:
        days = settings.COMMENT_IP_RETENTION_DAYS
    cutoff = timezone.now() - timedelta(days=days)
    return (
        Comment.objects.filter(created_at__lt=cutoff)
        .exclude(Q(ip_address__isnull=True) & Q(user_agent=""))
        .update(ip_address=None, user_agent="")
    )
