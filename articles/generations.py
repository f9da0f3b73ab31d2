"""The magazine's generation counters (the mechanism is ``doggydiary.generations``;
what each page is made of is the table in ``doggydiary.caching``):

- ``content``: stories, authors, sections, tags, pictures, pins and the discussion
  settings. It also moves by itself when a scheduled story's time comes.
- ``story:<slug>``: one story's public comments (its page, its comment feed).
- ``section:<slug>``, ``author:<slug>``, ``tag:<slug>``, ``home``: the listings whose
  cards show a story's comment count.
- ``comments``: any story's public comments (the site's comment feed, search).
- ``readership``: the week's most read stories, moved only when their order changes
  (``articles.readership``).

``shown_with`` and ``listed_with`` say which of them a comment on given stories moves.
"""

from django.utils import timezone

from doggydiary.generations import NEVER, bump, bump_on_commit, current, schedule

from .models import Article

__all__ = ["bump", "bump_on_commit", "current", "shown_with", "listed_with", "content_changed"]

CONTENT = "content"
COMMENTS = "comments"
HOME = "home"
READERSHIP = "readership"


def story_comments(pk):
    """Kept for migration 0009, which moved these by story id; pages now name stories
    by slug (``shown_with``)."""
    return f"{COMMENTS}:{pk}"


def shown_with(article_ids):
    """The counters of what shows these stories' comments: each story's page and
    comment feeds, the site's comment feeds and search."""
    slugs = Article.objects.filter(pk__in=article_ids).values_list("slug", flat=True)
    return {COMMENTS, *(f"story:{slug}" for slug in slugs)}


def listed_with(article_ids):
    """The counters of the listings whose cards show these stories' comment counts:
    the home page and each story's section, author and tags."""
    names = {HOME}
    stories = Article.objects.filter(pk__in=article_ids)
    for section, author in stories.values_list("category__slug", "author__slug"):
        names.update({f"section:{section}", f"author:{author}"})
    names.update(f"tag:{slug}" for slug in stories.values_list("tags__slug", flat=True) if slug)
    return names


def content_changed(sender=None, **kwargs):
    """Signal receiver for every model a reader page shows (see ArticlesConfig)."""
    bump_on_commit(CONTENT)


def next_scheduled():
    upcoming = (
        Article.objects.filter(status=Article.Status.PUBLISHED, publish_at__gt=timezone.now())
        .order_by("publish_at")
        .values_list("publish_at", flat=True)
        .first()
    )
    return upcoming.timestamp() if upcoming else NEVER


schedule(CONTENT, next_scheduled)
