"""The public comment endpoints: HTTP in, HTTP out. The rules live in ``services``
(what may be stored), ``moderation`` (what status it gets) and ``tokens``."""

import logging
import secrets
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.db import DatabaseError
from django.db.models import Q
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from articles.models import Article
from articles.views import moved_story, story_context
from doggydiary.caching import CACHE_ERRORS
from doggydiary.dberrors import RETRY_AFTER_SECONDS, cannot_write, logged
from doggydiary.site import site_url

from . import services, tokens
from .forms import CommentForm
from .models import Comment, DiscussionSettings

logger = logging.getLogger(__name__)


def same_origin(request):
    """True if the browser says the form was on our site, False if it says it was
    somewhere else, None if it says nothing (old browsers, scripts).

    This stands in for Django's CSRF cookie, which would put a cookie on every
    reader and make story pages uncacheable.
    """
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site:
        return fetch_site == "same-origin"
    origin = request.headers.get("Origin")
    if not origin:
        return None
    if origin == "null":
        return False
    ours = {f"{request.scheme}://{request.get_host()}", *settings.CSRF_TRUSTED_ORIGINS}
    try:
        parts = urlsplit(origin)
    except ValueError:  # e.g. "http://[::1": not an address at all
        return False
    return f"{parts.scheme}://{parts.netloc}" in ours


def comment_page_number(comment, rules):
    """The page of threads that shows ``comment`` (its thread's root)."""
    roots = Comment.objects.approved().filter(article_id=comment.article_id, parent__isnull=True)
    root = comment.root if comment.root_id else comment
    if root.status == Comment.Status.APPROVED:
        before = roots.filter(
            Q(created_at__lt=root.created_at) | Q(created_at=root.created_at, pk__lt=root.pk)
        ).count()
        return before // rules.comments_per_page + 1
    # A pending thread is shown to its author at the end of the last page.
    return max(1, -(-roots.count() // rules.comments_per_page))


def comment_url(comment, rules, **params):
    page = comment_page_number(comment, rules)
    if page > 1:
        params["cpage"] = page
    query = f"?{urlencode(params)}" if params else ""
    return f"{comment.article.get_absolute_url()}{query}#{comment.anchor}"


def render_story_with_form(request, article, form, status):
    context = story_context(request, article, comment_form=form)
    response = render(request, "articles/story.html", context, status=status)
    add_never_cache_headers(response)
    return response


def _sender(request, origin, ip_address, remember):
    remembered = tokens.read_commenter_cookie(request) or {}
    key = (remembered.get("key") or secrets.token_urlsafe(24)) if remember else ""
    return services.Sender(
        ip_address=ip_address,
        user_agent=request.headers.get("User-Agent", ""),
        user=request.user if request.user.is_authenticated else None,
        same_origin=origin is True,
        author_key=key,
    )


def posted_form(request):
    """The posted fields, mutable. Django refuses a urlencoded form naming a charset
    other than UTF-8 with a bare 400; a script or an old browser may still send latin-1
    or UTF-16, so read it in the charset it names and keep the reader's text."""
    charset = (request.content_params or {}).get("charset", "utf-8").lower()
    if request.content_type != "application/x-www-form-urlencoded" or charset in {"utf-8", "utf8"}:
        return request.POST.copy()
    try:
        request.body.decode(charset)  # a text encoding, and the body really is in it
    except (LookupError, UnicodeDecodeError):
        charset = "utf-8"
    return QueryDict(request.body, mutable=True, encoding=charset)


@require_safe
def form_shown(request):
    """A freshly signed "shown at" time for the comment form, asked for by site.js
    when a reader starts on the form: the stored story page is the same for every
    reader and carries none (a form sent without one is shown again with one)."""
    response = HttpResponse(tokens.form_timestamp(), content_type="text/plain")
    add_never_cache_headers(response)
    return response


@csrf_exempt  # protected by the same-origin check instead; see docs/newsroom.md
@require_POST
def comment_create(request, slug):
    article = get_object_or_404(Article.objects.published().for_detail(), slug=slug)
    rules = DiscussionSettings.load()
    data = posted_form(request)
    age = tokens.seconds_since_shown(data.get("shown", ""))
    data["shown"] = tokens.form_timestamp()  # a re-shown form starts its own clock
    form = CommentForm(data, article=article, rules=rules)
    origin = same_origin(request)
    ip_address = services.client_ip(request)
    try:
        services.check_submission(
            article,
            rules,
            cleaned=form.cleaned_data if form.is_valid() else None,
            origin=origin,
            age=age,
            ip_address=ip_address,
        )
    except services.Refused as refusal:
        if refusal.message:
            form.add_error(None, refusal.message)
        return render_story_with_form(request, article, form, refusal.status)

    remember = form.cleaned_data["remember"]
    sender = _sender(request, origin, ip_address, remember)
    try:
        comment = services.post_comment(
            article,
            form.cleaned_data,
            sender,
            rules,
            parent=form.cleaned_data["parent"],
            site_url=site_url(request),
        )
    except services.Refused as refusal:  # the same text sent twice at the same moment
        form.add_error(None, refusal.message)
        return render_story_with_form(request, article, form, refusal.status)
    except (DatabaseError, *CACHE_ERRORS) as error:
        # The database refused to write, or the cache its page generations live in
        # did (the comment was rolled back with it): nothing stored, text kept.
        if isinstance(error, DatabaseError) and not cannot_write(error):
            raise
        logger.warning("Comment not saved: %r", error)
        form.add_error(None, services.UNAVAILABLE)
        response = render_story_with_form(request, article, form, 503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return logged(response)
    params = {}
    if comment.status != Comment.Status.APPROVED:
        params["pending"] = tokens.pending_token(comment)
    response = redirect(comment_url(comment, rules, **params))
    response.status_code = 303
    if remember:
        tokens.remember_commenter(
            response, request, comment, sender.author_key, settings.COMMENT_COOKIE_DAYS * 86400
        )
    elif tokens.COOKIE_NAME in request.COOKIES:
        tokens.forget_commenter(response)
    return response


@require_safe
def permalink(request, pk):
    comment = get_object_or_404(
        Comment.objects.approved().select_related("article", "root"),
        pk=pk,
        article__in=Article.objects.published(),
    )
    if comment.root_id and comment.root.status != Comment.Status.APPROVED:
        raise Http404("No such comment.")
    return redirect(comment_url(comment, DiscussionSettings.load()))


def follow_moved_story(view, route):
    """``view`` (of a story's address, e.g. its comment feed) answering a 301 to the
    same page of the story's new address after a slug change, as the story does."""

    def wrapped(request, slug, **kwargs):
        try:
            return view(request, slug=slug, **kwargs)
        except Http404:
            story = moved_story(slug)
            if story is None:
                raise
            return redirect(route, slug=story.slug, permanent=True)

    wrapped.__name__ = getattr(view, "__name__", type(view).__name__)
    return wrapped
