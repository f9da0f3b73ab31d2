"""Previews of a story before readers can see it: the page both previews render,
and shareable links that let someone without an account read the latest saved
version until the link expires or is revoked.

A link's address carries the link's own random key (not its id, which would tell
how many links were made); the row says whether it still works. So a guessed or
altered address, an expired link and a revoked one all answer 404, and a link can only
ever show the story it was made for. (Addresses made before the keys, which carried a
signed id, no longer open anything: make a new link.)
"""

import re
from datetime import timedelta

from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from .models import PreviewLink
from .views import related_context

LIFETIMES = {1: "1 day", 7: "7 days", 30: "30 days"}
DEFAULT_DAYS = 7


KEY_CHARACTERS = re.compile(r"[A-Za-z0-9_-]+")


def preview_context(request, article, tags, banner):
    """The story page's context for a story that readers may not see yet."""
    article.slug = article.slug or "preview"
    article.update_derived_fields()
    if article.publish_at is None:
        article.publish_at = timezone.now()
    article.comment_count = 0
    return {
        "story": article,
        "tags": tags,
        "related": related_context(request, article),
        "preview": banner,
        "noindex": True,
    }


def private_preview(response):
    """Headers that keep a preview out of search engines and out of every cache."""
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-store"
    return response


def create_link(article, user, lifetime=timedelta(days=DEFAULT_DAYS), note=""):
    return PreviewLink.objects.create(
        article=article, created_by=user, expires_at=timezone.now() + lifetime, note=note
    )


def revoke_link(link):
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])


def link_token(link):
    return link.key


def link_path(link):
    return reverse("articles:preview_link", args=[link_token(link)])


def is_active(link):
    return link.revoked_at is None and link.expires_at > timezone.now()


def working_link(token):
    """The link a token names, if it still works; None for anything else."""
    # Keys are URL-safe base64 (secrets.token_urlsafe); anything else names no link and
    # is never sent to the database (PostgreSQL refuses a NUL in a string with an error).
    if not token or len(token) > 64 or not KEY_CHARACTERS.fullmatch(token):
        return None
    link = PreviewLink.objects.select_related("article").filter(key=token).first()
    return link if link is not None and is_active(link) else None


@require_safe
def preview_link(request, token):
    """The latest saved version of the link's story, for a reviewer without an account."""
    link = working_link(token)
    if link is None:
        raise Http404("This preview link does not work: it has expired or was withdrawn.")
    article = link.article
    until = timezone.localtime(link.expires_at)
    state = "published" if article.is_public else f"not published ({article.display_status})"
    banner = f"{state}. Shared for review; this link works until {until:%d %b %Y %H:%M}."
    context = preview_context(request, article, list(article.tags.all()), banner)
    return private_preview(TemplateResponse(request, "articles/story_preview.html", context))
