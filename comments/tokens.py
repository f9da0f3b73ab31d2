"""Signed values a commenter's browser carries: the form's "shown at" time, the link
that shows a submitter their own pending comment, and the "remember me" cookie.

None of them needs a session or a CSRF cookie, so reading and commenting set no
cookie unless the reader ticks "remember me".
"""

import hashlib

from django.conf import settings
from django.core import signing
from django.utils import timezone

from .models import Comment

FORM_SALT = "comments.form-shown"
PENDING_SALT = "comments.pending"
COOKIE_SALT = "comments.commenter"
COOKIE_NAME = settings.COMMENT_COOKIE_NAME
PENDING_MAX_AGE = 60 * 60 * 24 * 7
EDIT_WINDOW = 15 * 60  # seconds after posting a comment may be edited or withdrawn


def form_timestamp():
    return signing.dumps(timezone.now().timestamp(), salt=FORM_SALT)


def seconds_since_shown(token):
    """How long ago the form was rendered, or None if the token is not ours."""
    try:
        shown = float(signing.loads(token, salt=FORM_SALT))
    except (signing.BadSignature, TypeError, ValueError):
        return None
    return timezone.now().timestamp() - shown


class ClockSigner(signing.TimestampSigner):
    """A TimestampSigner whose clock can be given (``now``), for tokens made as of
    another moment than this one."""

    def __init__(self, *args, now=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.now = now

    def timestamp(self):
        if self.now is None:
            return super().timestamp()
        return signing.b62_encode(int(self.now.timestamp()))


def pending_token(comment, now=None):
    """The signed key in the redirect after posting: it shows the submitter their
    pending comment, and for EDIT_WINDOW lets that browser edit or withdraw it."""
    return ClockSigner(salt=PENDING_SALT, now=now).sign_object(comment.pk, compress=True)


def comment_id_from_pending_token(token, max_age=PENDING_MAX_AGE):
    """The comment id a pending token names; raises signing.BadSignature (or its
    subclass SignatureExpired after ``max_age``)."""
    try:
        pk = signing.loads(str(token or ""), salt=PENDING_SALT, max_age=max_age)
    except (TypeError, ValueError) as error:
        raise signing.BadSignature(str(error)) from None
    if not isinstance(pk, int):
        raise signing.BadSignature("Not a comment id.")
    return pk


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


def remember_commenter(response, request, comment, key, max_age):
    """Set the signed, HttpOnly "remember me" cookie on ``response``."""
    value = {"name": comment.name, "email": comment.email, "website": comment.website, "key": key}
    response.set_cookie(
        COOKIE_NAME,
        signing.dumps(value, salt=COOKIE_SALT, compress=True),
        max_age=max_age,
        secure=request.is_secure(),
        httponly=True,
        samesite="Lax",
    )


def forget_commenter(response):
    response.delete_cookie(COOKIE_NAME, samesite="Lax")
