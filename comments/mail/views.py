"""Readers' mail pages: sign up for the digest, follow a story, confirm an address,
unsubscribe (one click, RFC 8058), and change the digest's sections.

None needs a cookie: the links are signed, and the sign-up forms are checked with
the browser's own word on where they were (as the comment form is). One connection
may have only a few confirmation mails sent from them an hour (``subscribe``). Every
page is personal or a POST, so none is cached.
"""

from django.shortcuts import get_object_or_404, render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from articles.models import Article
from doggydiary.site import client_ip
from doggydiary.throttle import Locked

from ..views import same_origin
from . import links
from .forms import FollowForm, NewsletterForm, SectionsForm
from .models import Subscription
from .subscribe import SignupsPaused, confirm, subscribe, unsubscribe

Kind = Subscription.Kind
CROSS_SITE = "This form was sent from another website's page, so nothing was changed."
THANKS = (
    "Thank you. A confirmation link is on its way to this address (unless one was sent "
    "in the last week): nothing is sent for this until that link is opened."
)
TOO_MANY = (
    "Too many sign-ups have come from your connection in the last hour, so nothing was "
    "sent this time. Please try again in %(minutes)s min; what you typed is kept below."
)
PAUSED = (
    "Sign-ups are paused for a short while because of a fault on our side, so nothing "
    "was sent. Please try again later; what you typed is kept below."
)
PAUSED_SECONDS = 300


def _page(request, template, context=None, status=200):
    response = render(request, template, context or {}, status=status)
    add_never_cache_headers(response)
    return response


def _message(request, title, message, status=200):
    context = {"title": title, "message": message}
    return _page(request, "comments/mail_message.html", context, status)


def _bad_link(request, error):
    return _message(request, "That link did not work", error.message, error.status)


@csrf_exempt  # the same-origin check below stands in for a CSRF cookie
@require_http_methods(["GET", "HEAD", "POST"])
def newsletter(request):
    form = NewsletterForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if same_origin(request) is False:
            return _message(request, "Not sent", CROSS_SITE, 403)
        if form.is_valid():
            email, sections = form.cleaned_data["email"], _new_only(form)
            try:
                subscribe(email, Kind.DIGEST, sections=sections, sent_from=_sender(request))
            except (Locked, SignupsPaused) as refusal:
                context = {"chosen": _chosen(form)}
                return _refused(request, "comments/newsletter.html", form, refusal, context)
            return _message(request, "Check your inbox", THANKS)
    context = {"form": form, "chosen": _chosen(form)}
    return _page(request, "comments/newsletter.html", context, 400 if form.errors else 200)


def _sender(request):
    """The address whose budget a sign-up's confirmation mail spends ("" if unknown:
    those share one)."""
    return client_ip(request) or ""


def _refused(request, template, form, refusal, context):
    """The form again, as typed, saying when a sign-up from here may go again."""
    if isinstance(refusal, Locked):
        message, status, seconds = TOO_MANY % {"minutes": refusal.minutes}, 429, refusal.seconds
    else:
        message, status, seconds = PAUSED, 503, PAUSED_SECONDS
    form.add_error(None, message)
    response = _page(request, template, {**context, "form": form}, status=status)
    response["Retry-After"] = str(seconds)
    return response


def _chosen(form):
    """The ids of the ticked sections, as strings, from the sent form or the initial."""
    value = form["sections"].value() or []
    return {str(getattr(item, "pk", item)) for item in value}


def _new_only(form):
    """Sections are set by a new sign-up; an existing subscriber changes them through
    the signed link in each digest, so a stranger cannot change them by knowing the
    address."""
    email = form.cleaned_data["email"].lower()
    existing = Subscription.objects.filter(kind=Kind.DIGEST, subscriber__email=email)
    return None if existing.exists() else form.cleaned_data["sections"]


@csrf_exempt  # the same-origin check below stands in for a CSRF cookie
@require_http_methods(["POST"])
def follow(request, slug):
    article = get_object_or_404(Article.objects.published(), slug=slug)
    form = FollowForm(request.POST)
    if same_origin(request) is False:
        return _message(request, "Not sent", CROSS_SITE, 403)
    if not form.is_valid():
        context = {"form": form, "story": article}
        return _page(request, "comments/follow.html", context, status=400)
    try:
        subscribe(
            form.cleaned_data["email"], Kind.STORY, article=article, sent_from=_sender(request)
        )
    except (Locked, SignupsPaused) as refusal:
        return _refused(request, "comments/follow.html", form, refusal, {"story": article})
    return _message(request, "Check your inbox", THANKS)


@csrf_exempt  # the signed link is the proof; confirming twice changes nothing
@require_http_methods(["GET", "HEAD", "POST"])
def confirm_address(request, token):
    try:
        subscriber, payload = links.read_token(token, links.CONFIRM)
    except links.BadLink as error:
        return _bad_link(request, error)
    one = payload.get("s")
    subscription = subscriber.subscriptions.filter(pk=one).first() if one else None
    if one and subscription is None:  # unsubscribed since: nothing left to confirm
        return _bad_link(request, links.BadLink(links.GONE, status=404))
    if request.method == "POST":
        confirm(subscriber, subscription_id=one)
        return _message(
            request,
            "Your subscription is confirmed" if one else "Your address is confirmed",
            "Thank you. The mail you asked for will now come to this address. "
            "Every email has a link to stop it.",
        )
    done = subscription.confirmed_at if subscription else subscriber.confirmed_at
    context = {"subscriber": subscriber, "subscription": subscription, "done": done}
    return _page(request, "comments/mail_confirm.html", context)


@csrf_exempt  # RFC 8058 one-click: mail clients POST without a token; signed, idempotent
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe_link(request, token):
    try:
        subscriber, payload = links.read_token(token, links.UNSUBSCRIBE)
    except links.BadLink as error:  # forged, or its address gone: one answer for both
        return _bad_link(request, error)
    subscription = subscriber.subscriptions.filter(pk=payload.get("s") or 0).first()
    if request.method != "POST":
        context = {"subscriber": subscriber, "subscription": subscription}
        return _page(request, "comments/unsubscribe.html", context)
    one_click = request.POST.get("List-Unsubscribe") == "One-Click"
    scope = request.POST.get("scope")
    if one_click or scope in {"thread", "all"}:
        if scope == "all" or subscription is None:
            unsubscribe(subscriber)
            said = "No more mail will be sent to this address."
        else:
            unsubscribe(subscriber, subscription.pk)
            said = "No more mail of this kind will be sent to this address."
        return _message(request, "You are unsubscribed", said)
    return _message(request, "Nothing was changed", "Please press one of the buttons.", 400)


@csrf_exempt  # the signed link is the proof
@require_http_methods(["GET", "HEAD", "POST"])
def manage(request, token):
    try:
        subscriber, _ = links.read_token(token, links.MANAGE)
    except links.BadLink as error:
        return _bad_link(request, error)
    digest = subscriber.subscriptions.filter(kind=Kind.DIGEST).first()
    initial = {"sections": list(digest.sections.all()) if digest else []}
    form = SectionsForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST":
        if request.POST.get("action") == "leave":
            if digest is not None:
                unsubscribe(subscriber, digest.pk)
            return _message(request, "You have left", "No more new-story emails will be sent.")
        if form.is_valid():
            subscribe(subscriber.email, Kind.DIGEST, sections=form.cleaned_data["sections"])
            return _message(request, "Saved", "Your new-story emails will follow these sections.")
    context = {"form": form, "chosen": _chosen(form), "subscriber": subscriber, "digest": digest}
    return _page(request, "comments/subscriber.html", context, 400 if form.errors else 200)
