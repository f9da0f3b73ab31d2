"""Which sitemap files there are: the public stories in files of ``URLS_PER_FILE``
(where each file starts, how many it holds, the newest change among them) and the
archives with public stories, each dated by its newest story.

Finding them reads every public story once (about 0.3 s on PostgreSQL and 1.5 s on
SQLite at 100,000 stories), so the result is cached for the current content
generation: whatever moves it (a story, section, author or tag saved or deleted, a
scheduled story's time come) makes the next request build it again. The index
reads only the small ``summary`` part; each archive file its own list; a story file
where it starts.
"""

from contextlib import suppress
from datetime import UTC, datetime

from django.core.cache import cache
from django.db import connection
from django.db.models import F, OuterRef, Subquery, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from taggit.models import Tag

from doggydiary.caching import CACHE_ERRORS
from doggydiary.fragments import release

from .. import generations
from ..models import Article, Author, Category, Page, StoryTag
from .dates import UTCText, w3c

TIMEOUT = 24 * 60 * 60
# Addresses a file: one size for every file, so each costs the same at any size of
# magazine (the protocol allows 50,000; WordPress writes 2,000). Tests set it low.
URLS_PER_FILE = 500
ARCHIVES = ("sections", "authors", "tags")
MARK = "sitemap-mark"


def path_for(route, argument="slug"):
    """A stand-in for ``reverse(route, kwargs={argument: value})`` that is quick enough
    to call for fifty thousand values: the route is reversed once. Values are our
    own slugs and file names; the XML writer escapes the result."""
    head, tail = reverse(route, kwargs={argument: MARK}).split(MARK)
    return lambda value: f"{head}{value}{tail}"


def part(name):
    """One part of the catalogue, from the cache while the content has not moved:
    ``"summary"`` ({"stories": [(first publish time, first slug, stories, lastmod),
    ...] a file each in publication order, and for each archive (entries, newest
    lastmod)}), or an archive's [(path, lastmod), ...]. Plain tuples, so a cached copy
    never depends on a class here."""
    versions = generations.current(generations.CONTENT)
    if versions is None:  # the cache is down: build it for this request only
        return build()[name]
    # By release too: a deploy that reshapes the catalogue never reads an older one.
    prefix = f"sitemaps:{release()}:{versions[generations.CONTENT]}"
    try:
        found = cache.get(f"{prefix}:{name}")
    except CACHE_ERRORS:
        found = None
    if found is None:
        parts = build()
        with suppress(*CACHE_ERRORS):
            cache.set_many({f"{prefix}:{k}": v for k, v in parts.items()}, TIMEOUT)
        found = parts[name]
    return found


def story_files():
    """[(first publish time, first slug, stories, lastmod)] for each story file, or None
    while the cache is down: building the catalogue for every file a crawler asks for
    would read every story each time."""
    if generations.current(generations.CONTENT) is None:
        return None
    return part("summary")["stories"]


def build():
    sections = _dated(Category.objects, "articles:section", _newest_story("category"))
    # Every public story has a section, so the newest section date is the front page's.
    # The pages editors write go with them (there are a few).
    parts = {
        "sections": [(reverse("articles:home"), _newest(sections)), *sections, *_pages()],
        "authors": _dated(Author.objects, "articles:author", _newest_story("author")),
        "tags": _dated(Tag.objects, "articles:tag", _newest_tagged()),
    }
    summary = {name: (len(parts[name]), _newest(parts[name])) for name in ARCHIVES}
    return {**parts, "summary": {"stories": _story_files(), **summary}}


def _pages():
    path = path_for("page")
    rows = Page.objects.published().order_by("slug").values_list("slug", "updated_at")
    return [(path(slug), w3c(updated)) for slug, updated in rows]


def _newest(entries):
    return max((lastmod for _, lastmod in entries if lastmod), default=None)


# Every public story numbered in publication order, then counted a file at a time:
# where each file starts, and the newest change among its stories (W3C text, which
# sorts as the times do).
_STORY_FILES = """
SELECT MIN(numbered.publish_at),
    MIN(CASE WHEN (numbered.n - 1) %% {per_file} = 0 THEN numbered.slug END),
    COUNT(*), MAX(numbered.lastmod)
FROM ({numbered}) AS numbered GROUP BY (numbered.n - 1) / {per_file} ORDER BY 1
"""


def _story_files():
    numbered = (
        Article.objects.published()
        .order_by()
        .values(
            "publish_at",
            "slug",
            lastmod=UTCText("updated_at", "w3c"),
            n=Window(RowNumber(), order_by=(F("publish_at").asc(), F("slug").asc())),
        )
    )
    sql, params = numbered.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(_STORY_FILES.format(numbered=sql, per_file=int(URLS_PER_FILE)), params)
        rows = cursor.fetchall()
    return [(_moment(at), slug, stories, lastmod) for at, slug, stories, lastmod in rows]


def _moment(value):
    """A publish time as the cursor gives it: SQLite's is UTC text."""
    return (
        value if isinstance(value, datetime) else datetime.fromisoformat(value).replace(tzinfo=UTC)
    )


def _newest_story(field):
    """The publish time of the newest public story filed under the outer row, read
    from that filing's own index."""
    stories = Article.objects.published().filter(**{field: OuterRef("pk")})
    return stories.order_by("-publish_at", "-pk").values(at=UTCText("publish_at", "w3c"))[:1]


def _newest_tagged():
    tagged = StoryTag.objects.filter(
        tag=OuterRef("pk"), content_object__in=Article.objects.published()
    )
    return tagged.order_by("-publish_at", "-content_object_id").values(
        at=UTCText("publish_at", "w3c")
    )[:1]


def _dated(queryset, route, newest):
    """(path, lastmod) for each row of ``queryset`` with a public story, by slug."""
    path = path_for(route)
    rows = queryset.annotate(newest=Subquery(newest)).order_by("slug").values_list("slug", "newest")
    return [(path(slug), lastmod) for slug, lastmod in rows if lastmod]
