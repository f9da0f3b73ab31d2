"""The derived data of the generated stories, filled by the project's own code
once every row is in: stored comment counts, related rankings, the search index."""

from django.core.management import call_command

from articles.models import Article
from comments.changes import store_counts

from . import ranking


def count_comments(stories):
    """``comment_count`` of ``stories`` in one UPDATE, as the comments app keeps it."""
    return store_counts(stories)


def rank_related(loader, stories, progress):
    ranking.rank_all(loader, stories, progress)


def build_search_index(stdout):
    """The search engine's own rebuild, the one ``manage.py search_reindex`` runs."""
    call_command("search_reindex", stdout=stdout)


def stories_between(first_id, last_id):
    return Article.objects.filter(pk__range=(first_id, last_id))
