"""A database that cannot write (read-only, full, failing over) answers 503, not 500.

Readers go on getting pages: the page cache serves what it has and a page that only
reads renders as usual. Only a write fails, and whoever made it gets a page that
says nothing was saved, with ``Retry-After`` (a GET that needed a write gets the same
503 saying only that the page cannot be shown now). The comment form answers this itself
(it shows the form again with the text kept, see ``comments.views``); this
middleware answers for everything else, the admin above all, where the browser
keeps the form's text when the editor presses Back.
"""

import logging

from django.db import DatabaseError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 120
# SQLSTATE class 25006: "cannot execute ... in a read-only transaction" (PostgreSQL
# reports it as an InternalError; a hot standby or default_transaction_read_only).
READ_ONLY_SQLSTATES = {"25006"}


def cannot_write(error):
    """True for the errors of a database that refuses to write or to answer at all
    (not for a bug such as a bad query or a broken constraint, which stays a 500)."""
    if isinstance(error, OperationalError):
        return True
    cause = error.__cause__
    return isinstance(error, DatabaseError) and (
        getattr(cause, "sqlstate", None) in READ_ONLY_SQLSTATES
    )


def unavailable_response(request, error):
    """The 503 page for a write the database refused."""
    # A read that writes is a bug to find: its traceback says where.
    reading = request.method in ("GET", "HEAD")
    logger.warning("%s %s not saved: the database cannot write (%s)", request.method,
                   request.path, error, exc_info=error if reading else None)  # fmt: skip
    # A reader who only asked for a page saved nothing: they are not told they did.
    context = {"admin": request.path.startswith("/admin/"), "reading": reading}
    html = loader.get_template("503.html").render(context)
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return logged(response)


def logged(response):
    """Mark a 503 we logged as a warning: Django would otherwise log each one as an
    error and mail ADMINS for every request while the database cannot write."""
    response._has_been_logged = True
    return response


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if cannot_write(exception):
            return unavailable_response(request, exception)
        return None
