"""The derived data of the generated stories, filled by the project's own code
once every row is in: stored comment counts, related rankings, and the after-save
step of every story (tag rows' times, the search index)."""

from articles import editorial
from articles.models import Article
from comments.changes import store_counts

from . import ranking


def count_comments(stories):
    """``comment_count`` of ``stories`` in one UPDATE, as the comments app keeps it."""
    return store_counts(stories)


def rank_related(loader, stories, progress):
    ranking.rank_all(loader, stories, progress)


def stories_saved(stories):
    """The step every saved story goes through, for all the new ones at once."""
    editorial.stories_saved(stories)


def stories_between(first_id, last_id):
    return Article.objects.filter(pk__range=(first_id, last_id))
