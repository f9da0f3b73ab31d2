"""What follows when a story's public comments may have changed (a comment posted
as approved, moderated, erased): its stored count is brought up to date."""

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

from articles.models import Article

from .models import Comment


def comments_changed(article_ids):
    article_ids = set(article_ids)
    if not article_ids:
        return
    approved = (
        Comment.objects.approved()
        .filter(article=OuterRef("pk"))
        .order_by()
        .values("article")
        .annotate(n=Count("pk"))
        .values("n")
    )
    Article.objects.filter(pk__in=article_ids).update(comment_count=Coalesce(Subquery(approved), 0))
