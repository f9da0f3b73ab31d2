"""What the screen's rows post to: approve, spam, trash, undo and reply. Each answers
JSON to the screen's script and a redirect with a message to a plain form, so the
screen works with JavaScript off."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from doggydiary.site import site_url

from .. import decisions, services
from ..models import Comment, DiscussionSettings, ModerationAction
from ..rendering import clean_text
from .page import URL_NAMES, status_counts, story_id_from

MOST_AT_ONCE = 200  # comments one request may decide on
VERBS = {
    Comment.Status.APPROVED: "Approved",
    Comment.Status.SPAM: "Marked as spam",
    Comment.Status.TRASH: "Moved to trash",
    Comment.Status.PENDING: "Sent back to pending",
}


class BadRequest(Exception):
    """Something a moderator's request lacks; ``str()`` is the message shown."""


def _wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


def _back(request):
    url = request.POST.get("next")
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return reverse(URL_NAMES["screen"])


def _answer(request, message, *, statuses=None, actions=(), level=messages.SUCCESS):
    if _wants_json(request):
        try:
            story_id = story_id_from(request.POST.get("story"))
        except Http404:
            story_id = None
        return JsonResponse(
            {
                "message": message,
                "statuses": {str(pk): status for pk, status in (statuses or {}).items()},
                "actions": [action.pk for action in actions],
                "counts": status_counts(story_id),
            }
        )
    messages.add_message(request, level, message)
    return HttpResponseRedirect(_back(request))


def _refuse(request, error):
    if _wants_json(request):
        return JsonResponse({"message": str(error)}, status=400)
    messages.error(request, str(error))
    return HttpResponseRedirect(_back(request))


def _ids(request, field, most=MOST_AT_ONCE):
    raw = request.POST.getlist(field)
    if not raw:
        raise BadRequest("Choose a comment first.")
    if len(raw) > most or not all(
        value.isascii() and value.isdigit() and len(value) <= 18 for value in raw
    ):
        raise BadRequest("That choice is not one this screen makes; please reload it.")
    return sorted({int(value) for value in raw})


def _about(comments):
    if len(comments) == 1:
        return f"the comment by {comments[0].name}"
    return f"{len(comments)} comments"


def guarded(view):
    """A screen endpoint: moderators only, bad input answered with a message."""

    def endpoint(model_admin, request, *args):
        if not model_admin.has_change_permission(request):
            raise PermissionDenied
        try:
            return view(model_admin, request, *args)
        except BadRequest as error:
            return _refuse(request, error)

    return endpoint


@guarded
def decide(model_admin, request, status):
    chosen = Comment.objects.filter(pk__in=_ids(request, "comment"))
    actions = decisions.decide(chosen, status, request.user)
    if not actions:
        if not chosen.exists():
            raise BadRequest("That comment is no longer here.")
        label = Comment.Status(status).label.lower()
        return _answer(request, f"Already {label}: nothing changed.", level=messages.INFO)
    changed = list(Comment.objects.filter(pk__in=[a.comment_id for a in actions]).only("name"))
    return _answer(
        request,
        f"{VERBS[status]}: {_about(changed)}.",
        statuses={action.comment_id: status for action in actions},
        actions=actions,
    )


@guarded
def undo(model_admin, request):
    wanted = _ids(request, "action")
    # Latest first, so a batch is unwound in the reverse of the order it was made.
    chosen = ModerationAction.objects.filter(pk__in=wanted).select_related("comment")
    chosen = sorted(chosen, key=lambda action: action.pk, reverse=True)
    if not chosen:
        raise BadRequest("There is no such action to undo.")
    undone, refused = [], []
    for action in chosen:
        try:
            undone += decisions.undo(action, request.user)
        except decisions.CannotUndo as error:
            refused.append(str(error))
    if not undone:
        raise BadRequest(" ".join(refused))
    statuses = {action.comment_id: action.to_status for action in undone}
    names = Comment.objects.filter(pk__in=statuses).only("name")
    message = f"Undone: {_about(list(names))} is back where it was."
    if len(statuses) > 1:
        message = f"Undone: {len(statuses)} comments are back where they were."
    return _answer(request, " ".join([message, *refused]), statuses=statuses, actions=undone)


def _reply_text(request):
    body = clean_text(request.POST.get("body", ""))
    if not body:
        raise BadRequest("Write a reply first.")
    if len(body) > settings.COMMENT_MAX_LENGTH:
        raise BadRequest(
            f"Replies can be up to {settings.COMMENT_MAX_LENGTH:,} characters; "
            f"this one has {len(body):,}. Please shorten it."
        )
    return body


@guarded
def reply(model_admin, request):
    ids = _ids(request, "comment", most=1)
    parent = Comment.objects.select_related("article").filter(pk=ids[0]).first()
    if parent is None:
        raise BadRequest("That comment is no longer here.")
    try:
        body = _reply_text(request)
    except BadRequest as error:
        return _reply_refused(model_admin, request, parent, error)
    rules = DiscussionSettings.load()
    if parent.depth >= rules.thread_depth:
        error = BadRequest(
            "That conversation is as deep as the discussion settings allow; "
            "reply to an earlier comment in it instead."
        )
        return _reply_refused(model_admin, request, parent, error)
    user = request.user
    sender = services.Sender(
        ip_address=services.client_ip(request),
        user_agent=request.headers.get("User-Agent", ""),
        user=user,
        same_origin=True,  # an admin form, behind Django's CSRF check
    )
    data = {"name": user.get_full_name() or user.get_username(), "email": user.email}
    with transaction.atomic():
        previous = parent.status
        # Like WordPress: answering a comment approves it, so the answer can be seen.
        decisions.decide(
            Comment.objects.filter(pk=parent.pk),
            Comment.Status.APPROVED,
            user,
            note="approved by replying",
        )
        answer = services.post_comment(
            parent.article,
            {**data, "website": "", "body": body},
            sender,
            rules,
            parent=parent,
            site_url=site_url(request),
        )
        action = decisions.record_reply(answer, parent, previous, user)
    return _answer(
        request,
        f"Replied to {parent.name}; their comment is approved.",
        statuses={parent.pk: Comment.Status.APPROVED},
        actions=[action],
    )


def _reply_refused(model_admin, request, parent, error):
    """A reply that cannot be sent: the script shows the message next to the text; a
    plain form gets a page with the text kept, to send again."""
    if _wants_json(request):
        return JsonResponse({"message": str(error)}, status=400)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "title": "Your reply was not sent",
        "error": str(error),
        "comment": parent,
        "body": request.POST.get("body", ""),
        "next": _back(request),
        "urls": {name: reverse(url) for name, url in URL_NAMES.items()},
        "max_length": settings.COMMENT_MAX_LENGTH,
    }
    return TemplateResponse(
        request, "admin/comments/comment/moderate_reply.html", context, status=400
    )
