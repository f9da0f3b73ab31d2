"""The admin home's boxes: what each person in the newsroom needs next.

Each box is there only for the roles it concerns: a writer's own drafts for
whoever writes, the review queue and the publishing plan for editors, the
comment queue for moderators. Each box is one query, but "Most read this week"
(the week's ranking, then those stories' titles through the public gate).
"""

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from articles import readership
from articles.models import Article
from comments.models import Comment

register = template.Library()
BOX_SIZE = 8
LISTED = ("pk", "title", "slug", "status", "publish_at", "updated_at")
WRITER = ("created_by__username", "created_by__first_name", "created_by__last_name")


def _first(queryset):
    """Up to BOX_SIZE rows, and whether there are more."""
    rows = list(queryset[: BOX_SIZE + 1])
    return {"rows": rows[:BOX_SIZE], "more": len(rows) > BOX_SIZE}


def moderation_url():
    """The keyboard moderation screen, or the pending comments' list without it."""
    try:
        return reverse("admin:comments_comment_moderation")
    except NoReverseMatch:
        return reverse("admin:comments_comment_changelist") + "?status__exact=pending"


@register.simple_tag(takes_context=True)
def newsroom_home(context):
    user = context["request"].user
    stories = Article.objects.only(*LISTED)
    home = {}
    if user.has_perm("articles.add_article"):
        mine = stories.filter(
            created_by=user, status__in=[Article.Status.DRAFT, Article.Status.REVIEW]
        )
        home["my_drafts"] = _first(mine.order_by("-updated_at", "-pk"))
    if user.has_perm("articles.publish_article"):
        in_review = stories.filter(status=Article.Status.REVIEW).select_related("created_by")
        home["in_review"] = _first(in_review.only(*LISTED, *WRITER).order_by("updated_at", "pk"))
        home["in_review_url"] = (
            reverse("admin:articles_article_changelist") + f"?status__exact={Article.Status.REVIEW}"
        )
        scheduled = stories.filter(status=Article.Status.PUBLISHED, publish_at__gt=timezone.now())
        home["scheduled"] = _first(scheduled.order_by("publish_at", "pk"))
        published = Article.objects.published().only(*LISTED)
        home["published"] = _first(published.order_by("-publish_at", "-pk"))
        home["most_read"] = readership.most_read_with_views(limit=BOX_SIZE)
    if user.has_perm("comments.view_comment"):
        home["pending_comments"] = Comment.objects.pending().count()
        home["moderation_url"] = moderation_url()
    return home
