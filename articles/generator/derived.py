"""The derived data of the generated stories, filled by the project's own code
once every row is in: stored comment counts, related rankings, the search index."""

from django.core.management import call_command
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

from articles.models import Article
from comments.models import Comment

from . import ranking


def count_comments(stories):
    """``comment_count`` of ``stories`` in one UPDATE, computed as comments.changes
    computes it for a single story."""
    approved = (
        Comment.objects.approved()
        .filter(article=OuterRef("pk"))
        .order_by()
        .values("article")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return stories.update(comment_count=Coalesce(Subquery(approved), 0))


def rank_related(loader, stories, progress):
    ranking.rank_all(loader, stories, progress)


def build_search_index(stdout):
    """The search engine's own rebuild, the one ``manage.py search_reindex`` runs."""
    call_command("search_reindex", stdout=stdout)


def stories_between(first_id, last_id):
    return Article.objects.filter(pk__range=(first_id, last_id))
