"""The screen itself: one page of comments in one status, with everything a moderator
needs to decide on each, in a fixed number of queries."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode

from articles.models import Article
from doggydiary.admin_lists import PageByIds
from doggydiary.site import page_number

from ..models import Comment, ModerationAction

PER_PAGE = 50
RECENT_ACTIONS = 8
STORY_CHOICES = 100
URL_NAMES = {
    "screen": "admin:comments_comment_moderation",
    "approve": "admin:comments_comment_moderation_approve",
    "spam": "admin:comments_comment_moderation_spam",
    "trash": "admin:comments_comment_moderation_trash",
    "undo": "admin:comments_comment_moderation_undo",
    "reply": "admin:comments_comment_moderation_reply",
}


def queue_rows(status, story_id=None):
    """The screen's rows, newest first, with the commenter's earlier approved comments
    counted and the replied-to comment's name and text, in one query."""
    approved_before = (
        Comment.objects.approved()
        .filter(email=OuterRef("email"), created_at__lt=OuterRef("created_at"))
        .order_by()
        .values("email")
        .annotate(n=Count("*"))
        .values("n")
    )
    rows = (
        Comment.objects.filter(status=status)
        .select_related("article")
        .only(
            *["name", "email", "website", "body", "status", "reasons", "created_at"],
            *["ip_address", "parent_id", "depth", "article__title", "article__slug"],
        )
        .annotate(
            approved_before=Coalesce(Subquery(approved_before), 0),
            parent_name=F("parent__name"),
            parent_body=F("parent__body"),
        )
        .order_by("-created_at", "-pk")
    )
    if story_id is not None:
        rows = rows.filter(article_id=story_id)
    return rows


def status_counts(story_id=None):
    """The comments in each status. The few held back are counted from their index;
    the approved, nine in ten at any size, are what is left of the total, which
    SQLite counts from its smallest index (a count by status read every row)."""
    comments = Comment.objects.order_by()
    if story_id is not None:
        comments = comments.filter(article_id=story_id)
    held = [status for status in Comment.Status.values if status != Comment.Status.APPROVED]
    found = dict(comments.filter(status__in=held).values_list("status").annotate(n=Count("*")))
    counts = {status: found.get(status, 0) for status in Comment.Status.values}
    counts[Comment.Status.APPROVED] = comments.count() - sum(counts.values())
    return counts


def story_choices(status):
    """The stories with the most comments in ``status``: the story filter's options.
    Approved comments are read from each story's stored count and its index; the
    others are counted from comment_status_story_idx, and only the top stories are
    joined to their titles. (``COUNT(*)``, not of ids, which that index lacks on
    PostgreSQL: it would read every comment's row.)"""
    if status == Comment.Status.APPROVED:
        stories = Article.objects.filter(comment_count__gt=0).annotate(n=F("comment_count"))
    else:
        in_status = Comment.objects.filter(status=status).order_by()
        busiest = (
            in_status.values("article_id")
            .annotate(n=Count("*"))
            .order_by("-n", "article_id")
            .values("article_id")[:STORY_CHOICES]
        )
        counted = in_status.filter(article=OuterRef("pk")).values("article").annotate(n=Count("*"))
        stories = Article.objects.filter(pk__in=busiest).annotate(n=Subquery(counted.values("n")))
    return list(stories.order_by("-n", "title").values_list("pk", "title", "n")[:STORY_CHOICES])


def story_id_from(raw):
    """The ``story`` a query or form names: None for all stories, a 404 for junk."""
    if raw in (None, ""):
        return None
    return page_number(raw)


def screen(model_admin, request):
    if not model_admin.has_change_permission(request):
        raise PermissionDenied
    status = request.GET.get("status", Comment.Status.PENDING)
    if status not in Comment.Status.values:
        raise Http404("No such status.")
    story_id = story_id_from(request.GET.get("story"))
    counts = status_counts(story_id)
    paginator = PageByIds(queue_rows(status, story_id), PER_PAGE)
    paginator.count = counts[status]  # already counted for the tabs
    number = page_number(request.GET.get("page"))
    if number > paginator.num_pages:
        # The last rows of the last page were just decided (or the page never was):
        # go to the page that is now last rather than answer "not found".
        query = {"status": status, "story": story_id or "", "page": paginator.num_pages}
        return HttpResponseRedirect("?" + urlencode(query))
    page = paginator.page(number)
    choices = story_choices(status)
    if story_id is not None and story_id not in {pk for pk, _, _ in choices}:
        title = Article.objects.filter(pk=story_id).values_list("title", flat=True).first()
        if title is None:
            raise Http404("No such story.")
        choices.append((story_id, title, 0))
    tabs = [(value, label, counts[value]) for value, label in Comment.Status.choices]
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "title": "Moderate comments",
        "status": status,
        "status_label": Comment.Status(status).label,
        "story_id": story_id,
        "tabs": tabs,
        "stories": choices,
        "page_obj": page,
        "comments": page.object_list,
        "recent_actions": ModerationAction.objects.select_related("user", "comment")[
            :RECENT_ACTIONS
        ],
        "urls": {name: reverse(url) for name, url in URL_NAMES.items()},
        "max_length": settings.COMMENT_MAX_LENGTH,
    }
    request.current_app = model_admin.admin_site.name
    return TemplateResponse(request, "admin/comments/comment/moderate.html", context)
