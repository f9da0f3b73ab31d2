"""The one place a comment changes after it is posted: moderators' decisions, staff
edits, and an author's own edit or withdrawal.

Every change is recorded as a ``ModerationAction`` of its own kind (who, when, from
which status to which), which is both the audit trail and what ``undo`` reverses; and
every change that may alter what readers see is announced from here, once
(``_announce``: the story's stored count and its comments' generation).
"""

from django.db import IntegrityError, transaction
from django.utils import timezone

from .changes import comments_changed as _announce
from .models import Comment, ModerationAction, fingerprint
from .signals import comments_moderated

KIND_FOR_STATUS = {
    Comment.Status.APPROVED: ModerationAction.Kind.APPROVE,
    Comment.Status.SPAM: ModerationAction.Kind.SPAM,
    Comment.Status.TRASH: ModerationAction.Kind.TRASH,
    Comment.Status.PENDING: ModerationAction.Kind.PENDING,
}


AUTHORS_OWN = {ModerationAction.Kind.AUTHOR_EDIT, ModerationAction.Kind.WITHDRAWN}


class CannotUndo(Exception):
    """The comment has moved on since the action (someone else decided again), or the
    action was its author's own."""


def moderate(comments, status, user):
    """Set ``status`` on ``comments`` (a queryset); returns how many changed."""
    return len(decide(comments, status, user))


def decide(comments, status, user, *, kind=None, note=""):
    """Set ``status`` on ``comments`` (a queryset), record one action per comment that
    changed and tell listeners once the change is committed. Returns the actions."""
    if status not in Comment.Status.values:
        raise ValueError(f"Unknown status {status!r}")
    with transaction.atomic():
        # Locked (PostgreSQL) or under SQLite's write lock, so the recorded
        # "from" status is the one this change replaced.
        rows = list(
            Comment.objects.filter(pk__in=comments.values("pk"))
            .exclude(status=status)
            .select_for_update()
            .order_by("pk")
            .values_list("pk", "status", "article_id")
        )
        if not rows:
            return []
        ids = [pk for pk, _, _ in rows]
        changes = {"status": status, "moderated_by": user, "moderated_at": timezone.now()}
        if status == Comment.Status.TRASH:
            changes["fingerprint"] = None  # trashed text may be sent again
        Comment.objects.filter(pk__in=ids).update(**changes)
        restored = [pk for pk, old, _ in rows if old == Comment.Status.TRASH]
        if restored:
            _restore_fingerprints(restored)
        actions = ModerationAction.objects.bulk_create(
            ModerationAction(
                comment_id=pk,
                user=user,
                kind=kind or KIND_FOR_STATUS[status],
                from_status=old,
                to_status=status,
                note=note[:200],
            )
            for pk, old, _ in rows
        )
        _announce({article_id for _, _, article_id in rows})
        transaction.on_commit(
            lambda: comments_moderated.send(
                sender=Comment, comment_ids=ids, status=status, user=user
            )
        )
    return actions


def _restore_fingerprints(ids):
    """A comment leaving the trash takes back its fingerprint, unless another live
    comment has taken it meanwhile (then it stays without one)."""
    for comment in Comment.objects.filter(pk__in=ids).only("pk", "article_id", "email", "body"):
        value = fingerprint(comment.article_id, comment.email, comment.body)
        if Comment.objects.filter(fingerprint=value).exclude(pk=comment.pk).exists():
            continue
        try:
            with transaction.atomic():
                Comment.objects.filter(pk=comment.pk).update(fingerprint=value)
        except IntegrityError:  # taken at this very moment by a new comment
            continue


def approve(comments, user):
    return moderate(comments, Comment.Status.APPROVED, user)


def mark_spam(comments, user):
    return moderate(comments, Comment.Status.SPAM, user)


def trash(comments, user):
    return moderate(comments, Comment.Status.TRASH, user)


def record_reply(reply, parent, previous_status, user):
    """A moderator's reply, recorded on the reply; undoing it trashes the reply and
    puts the parent back where it was."""
    return ModerationAction.objects.create(
        comment=reply,
        user=user,
        kind=ModerationAction.Kind.REPLY,
        from_status=previous_status,
        to_status=Comment.Status.APPROVED,
        note=f"reply to comment {parent.pk}",
    )


def undo(action, user):
    """Put the comment back to the status it had before ``action`` and record it as an
    UNDO. Raises ``CannotUndo`` if the comment has been moved on since. Returns the new
    actions."""
    comment = action.comment
    if action.kind in AUTHORS_OWN or comment is None:
        raise CannotUndo("An author's own change to their comment cannot be undone.")
    note = f"undid action {action.pk}"
    if action.kind == ModerationAction.Kind.REPLY:
        # The reply goes to the trash; the parent returns to its status before it.
        undone = decide(
            Comment.objects.filter(pk=comment.pk),
            Comment.Status.TRASH,
            user,
            kind=ModerationAction.Kind.UNDO,
            note=note,
        )
        if comment.parent_id:
            undone += decide(
                Comment.objects.filter(pk=comment.parent_id, status=Comment.Status.APPROVED),
                action.from_status,
                user,
                kind=ModerationAction.Kind.UNDO,
                note=note,
            )
    else:
        undone = decide(
            Comment.objects.filter(pk=comment.pk, status=action.to_status),
            action.from_status,
            user,
            kind=ModerationAction.Kind.UNDO,
            note=note,
        )
    if not undone:
        raise CannotUndo(
            f"The comment by {comment.name} has been moderated again since; nothing was undone."
        )
    return undone


def posted(*comments):
    """Comments just stored (through the form, a staff reply, the demo loader): their
    stories' pages change with those that are public at once."""
    _announce({c.article_id for c in comments if c.status == Comment.Status.APPROVED})


def edited_by_staff(comment, user, was_public):
    """A comment changed through its admin form (its status goes through ``decide``)."""
    _record(comment, ModerationAction.Kind.EDIT, comment.status, comment.status, user)
    if was_public or comment.status == Comment.Status.APPROVED:
        _announce([comment.article_id])


def edited_by_author(comment, body, policy, site_url=""):
    """New text from its author; a public comment goes back to the queue when comments
    need approval. A duplicate text raises IntegrityError and changes nothing."""
    before = comment.status
    with transaction.atomic():
        comment.body = body
        if comment.fingerprint:
            comment.fingerprint = fingerprint(comment.article_id, comment.email, body)
        if before == Comment.Status.APPROVED and policy.rules.manual_approval:
            comment.status = Comment.Status.PENDING
            comment.reasons = ["edited by its author after approval"]
            policy.email(comment, site_url)
        with transaction.atomic():  # a savepoint: a duplicate text is refused, not fatal
            comment.save()
        _record(comment, ModerationAction.Kind.AUTHOR_EDIT, before, comment.status)
        if before == Comment.Status.APPROVED:
            _announce([comment.article_id])
    return comment


def withdrawn_by_author(comment):
    """Delete the comment; one that others have answered goes to the trash instead,
    so their replies are not deleted with it. Either way one line records it."""
    before = comment.status
    with transaction.atomic():
        if comment.replies.exists():
            Comment.objects.filter(pk=comment.pk).update(
                status=Comment.Status.TRASH, fingerprint=None
            )
            _record(comment, ModerationAction.Kind.WITHDRAWN, before, Comment.Status.TRASH)
        else:
            note = f"comment {comment.pk} on story {comment.article_id}, deleted"
            comment.delete()  # with its earlier lines
            _record(None, ModerationAction.Kind.WITHDRAWN, before, Comment.Status.TRASH, note=note)
        if before == Comment.Status.APPROVED:
            _announce([comment.article_id])


def erased(article_ids):
    """People's comments erased or made anonymous (``privacy``): their stories change."""
    _announce(article_ids)


def _record(comment, kind, from_status, to_status, user=None, note=""):
    return ModerationAction.objects.create(
        comment=comment,
        user=user,
        kind=kind,
        from_status=from_status,
        to_status=to_status,
        note=note[:200],
    )
