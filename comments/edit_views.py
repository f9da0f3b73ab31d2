"""Editing or withdrawing one's own comment, for EDIT_WINDOW after posting, from the
browser that posted it: the key is the signed ``?pending=`` token of the redirect
after posting (it carries the time it was made), and when "remember me" was
ticked, that browser's cookie key as well."""

from django.core import signing
from django.db import IntegrityError
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from . import decisions, tokens
from .forms import EditForm
from .models import Comment, DiscussionSettings
from .moderation import DiscussionPolicy
from .services import DUPLICATE
from .views import comment_url, same_origin

OVER = (
    "The 15 minutes in which a comment can be changed are over. "
    "To have it changed or removed now, please contact the editors."
)
NOT_YOURS = (
    "A comment can be changed only from the browser that posted it, with the link "
    "shown there just after posting."
)
GONE = "This comment can no longer be changed."


class Refused(Exception):
    pass


def own_comment(request, pk, key):
    """The comment ``key`` lets this browser change; raises Refused with the reason."""
    try:
        signed_pk = tokens.comment_id_from_pending_token(key, max_age=tokens.EDIT_WINDOW)
    except signing.SignatureExpired:
        raise Refused(OVER) from None
    except signing.BadSignature:
        raise Refused(NOT_YOURS) from None
    if signed_pk != pk:
        raise Refused(NOT_YOURS)
    comment = Comment.objects.select_related("article").filter(pk=pk).first()
    if comment is None or comment.status in (Comment.Status.SPAM, Comment.Status.TRASH):
        raise Refused(GONE)
    if comment.author_key_hash:
        remembered = tokens.read_commenter_cookie(request) or {}
        if tokens.hash_key(remembered.get("key", "")) != comment.author_key_hash:
            raise Refused(NOT_YOURS)
    return comment


def _page(request, context, status=200):
    response = render(request, "comments/edit.html", context, status=status)
    add_never_cache_headers(response)
    return response


@csrf_exempt  # the signed key and the same-origin check stand in for a CSRF cookie
@require_http_methods(["GET", "HEAD", "POST"])
def comment_edit(request, pk):
    key = request.GET.get("pending", "")
    try:
        comment = own_comment(request, pk, key)
    except Refused as refusal:
        return _page(request, {"refused": str(refusal), "story": None}, status=403)
    context = {"comment": comment, "story": comment.article, "key": key}
    if request.method != "POST":
        return _page(request, {**context, "form": EditForm(initial={"body": comment.body})})
    if same_origin(request) is False:
        return _page(request, {"refused": NOT_YOURS, "story": None}, status=403)
    if request.POST.get("action") == "withdraw":
        decisions.withdrawn_by_author(comment)
        return _page(request, {"withdrawn": True, "story": comment.article})
    form = EditForm(request.POST)
    if form.is_valid():
        try:
            decisions.edited_by_author(comment, form.cleaned_data["body"], DiscussionPolicy())
        except IntegrityError:
            form.add_error("body", DUPLICATE)
        else:
            return _after_edit(comment, key)
    return _page(request, {**context, "form": form}, status=400)


def _after_edit(comment, key):
    rules = DiscussionSettings.load()
    if comment.status == Comment.Status.APPROVED:
        response = redirect(comment_url(comment, rules))
    else:
        response = redirect(comment_url(comment, rules, pending=key))
    response.status_code = 303
    return response
