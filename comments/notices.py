"""Mail to commenters and followers when comments become public: the author on
approval, a comment's author on an approved reply, a story's followers on any
approved comment. Only to confirmed addresses that asked; names only, never
another commenter's address; each notice queued once (outbox dedupe keys)."""

import functools
import logging

from doggydiary.text import whole_words
from doggydiary.throttle import Locked

from .mail.compose import send
from .mail.links import site_address
from .mail.models import Subscription
from .mail.subscribe import SignupsPaused, subscribe
from .models import Comment

Kind = Subscription.Kind
EXCERPT = 400
log = logging.getLogger(__name__)


def _never_fails(receiver):
    """A notice that cannot be queued is logged: it never turns a moderator's
    decision or a reader's post (both already committed) into an error."""

    @functools.wraps(receiver)
    def run(*args, **kwargs):
        try:
            receiver(*args, **kwargs)
        except Exception:
            log.exception("Could not queue comment notices")

    return run


def _confirmed(kind, **target):
    return Subscription.objects.filter(
        kind=kind, confirmed_at__isnull=False, subscriber__confirmed_at__isnull=False, **target
    ).select_related("subscriber")


def _excerpt(text):
    return whole_words(text, EXCERPT)


def _context(comment):
    return {
        "comment": comment,
        "story": comment.article,
        "excerpt": _excerpt(comment.body),
        "comment_url": site_address() + comment.get_absolute_url(),
        "story_url": site_address() + comment.article.get_absolute_url(),
    }


def comment_public(comment, *, tell_author=True):
    """Queue every notice an approved ``comment`` gives rise to; return how many."""
    if comment.status != Comment.Status.APPROVED or not comment.article.is_public:
        return 0
    told = {comment.email.lower()}  # never mail the commenter about their own words
    queued = 0
    context = _context(comment)
    if tell_author:
        for sub in _confirmed(Kind.COMMENT, comment=comment):
            queued += send(
                sub.subscriber, "approved", f"Your comment on “{comment.article.title}” is live",
                context, topic=sub.topic, dedupe_key=f"approved:{comment.pk}", subscription=sub,
            )  # fmt: skip
    parent = comment.parent
    if parent is not None and parent.status == Comment.Status.APPROVED:
        for sub in _confirmed(Kind.COMMENT, comment=parent):
            if sub.subscriber.email in told:
                continue
            told.add(sub.subscriber.email)
            queued += send(
                sub.subscriber, "reply", f"{comment.name} replied to your comment",
                {**context, "parent": parent}, topic=sub.topic,
                dedupe_key=f"reply:{comment.pk}", subscription=sub,
            )  # fmt: skip
    for sub in _confirmed(Kind.STORY, article=comment.article):
        if sub.subscriber.email in told:
            continue
        queued += send(
            sub.subscriber, "follow", f"New comment on “{comment.article.title}”",
            context, topic=sub.topic, dedupe_key=f"follow:{comment.pk}:{sub.subscriber_id}",
            subscription=sub,
        )  # fmt: skip
    return queued


@_never_fails
def on_comment_posted(sender, comment, notify=False, **kwargs):
    """``comment_posted`` receiver: opt in if the box was ticked; notices if the
    comment went public at once (a trusted commenter, a staff reply)."""
    if notify and comment.status != Comment.Status.SPAM:
        # A public form: anyone can type any address, so the address confirms it
        # (counted against the sign-up budget of the commenter's connection).
        try:
            address = comment.ip_address or ""  # never None: that is the trusted path
            subscribe(comment.email, Kind.COMMENT, comment=comment, sent_from=address)
        except (Locked, SignupsPaused):
            log.warning("Comment %s: its 'email me' box was not taken up (sign-ups)", comment.pk)
    comment_public(comment, tell_author=False)


@_never_fails
def on_comments_moderated(sender, comment_ids, status, user=None, **kwargs):
    """``comments_moderated`` receiver: notices for the comments just approved."""
    if status != Comment.Status.APPROVED:
        return
    approved = Comment.objects.filter(pk__in=list(comment_ids), status=status)
    for comment in approved.select_related("article", "parent").order_by("pk"):
        comment_public(comment)
