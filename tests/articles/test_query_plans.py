"""The listings read a page of ids from an index in the listing's own order (then
fetch those rows): no sort of every published story, on either database."""

import pytest
from django.db import connection
from django.utils import timezone
from taggit.models import Tag

from articles.models import Article, StoryTag

from ..factories import make_author, make_category

pytestmark = pytest.mark.django_db

STORIES = 3000


@pytest.fixture
def magazine():
    """Enough stories, half with one busy tag, in ten sections (with one section, the
    newest-first index filtered by section is as good a plan as the section's own), that
    a planner prefers an index."""
    sections, author = [make_category() for _ in range(10)], make_author()
    now = timezone.now()
    stories = Article.objects.bulk_create(
        Article(title=f"Story {n}", slug=f"story-{n}", status="published", author=author,
                category=sections[n % 10], publish_at=now - timezone.timedelta(minutes=n),
                featured=n % 500 == 0)
        for n in range(STORIES)
    )  # fmt: skip
    busy = Tag.objects.create(name="dogs", slug="dogs")
    StoryTag.objects.bulk_create(
        StoryTag(content_object=story, tag=busy, publish_at=story.publish_at)
        for story in stories[::2]
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return busy


def plan(queryset):
    sql, params = queryset.query.sql_with_params()
    explain = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
    with connection.cursor() as cursor:
        cursor.execute(explain + sql, params)
        return "\n".join(str(row[-1] if connection.vendor == "sqlite" else row[0])
                         for row in cursor.fetchall())  # fmt: skip


def assert_read_in_order(text, *indexes):
    assert any(index in text for index in indexes), text
    if connection.vendor == "sqlite":
        assert "TEMP B-TREE" not in text, text
    else:
        assert "Sort" not in text, text
        assert "Seq Scan on articles_article" not in text, text


def test_home_listing_reads_the_published_index(magazine):
    page = Article.objects.published().values_list("pk")[12:24]
    assert_read_in_order(plan(page), "article_public_idx")


def test_home_lead_reads_the_featured_index(magazine):
    lead = Article.objects.published().filter(featured=True).values_list("pk")[:1]
    # Either the featured stories' own index, or the newest-first one walked until
    # a featured story comes: an ordered read either way.
    assert_read_in_order(plan(lead), "article_featured_idx", "article_public_idx")


def test_busy_tag_archive_reads_the_tag_index(magazine):
    page = Article.objects.published().tagged(magazine).values_list("pk")[12:24]
    assert_read_in_order(plan(page), "story_tag_newest_idx")


def test_section_archive_reads_the_section_index(magazine):
    section = Article.objects.first().category
    page = Article.objects.published().filter(category=section).values_list("pk")[12:24]
    assert_read_in_order(plan(page), "article_section_idx")


def test_a_page_of_cards_is_fetched_by_id_without_a_sort(magazine):
    """The stories of a page's cards (90 on the home page at 100,000 stories) are
    fetched by id and put in the page's order in Python. Sorted by time as well, they
    cost PostgreSQL 0.8 ms of planning and 1.1 ms of running there (0.4 and 0.4
    without, by ``EXPLAIN ANALYZE``; about 0.4 ms of the whole fetch in process)."""
    ids = list(Article.objects.published().values_list("pk", flat=True)[:100])
    text = plan(Article.objects.published().for_listing().filter(pk__in=ids))
    assert "TEMP B-TREE" not in text, text
    assert "Sort" not in text, text


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's full-text search")
def test_search_reads_whether_a_match_is_public_from_the_gate_index(magazine):
    """Each story the full-text table matches is checked against the published gate
    from ``article_search_gate_idx``, not from its row, where status and publish time
    sit after the long body columns. Django's SQLite schema editor drops indexes the
    models do not declare whenever it remakes the table (migration 0021)."""
    from django.test.utils import CaptureQueriesContext

    from articles.search import index, sqlite
    from articles.search.query import parse

    index.rebuild()
    with CaptureQueriesContext(connection) as queries:
        assert sqlite.ranked_ids(parse("story"), window=500, offset=0, limit=11)
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + queries[-1]["sql"])
        text = "\n".join(str(row[-1]) for row in cursor.fetchall())
    assert "article_search_gate_idx" in text, text


@pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="a test's table is too small for PostgreSQL's planner to prefer any index; "
    "at 100,000 stories it reads comment_roots_idx (docs/benchmarks.md)",
)
def test_a_later_page_of_threads_reads_its_ids_in_order_from_the_roots_index():
    """The 41st page of a 2,000-thread discussion sorted every thread's row on
    PostgreSQL (5 ms at 100,000 stories); its ids now come from comment_roots_idx."""
    from comments.models import Comment
    from comments.threads import _Roots

    from ..factories import make_article

    story, other = make_article(), make_article()
    Comment.objects.bulk_create(
        Comment(article=article, name="Reader", email="r@example.com", body=f"Comment {n}",
                status="approved")
        for n in range(1500)
        for article in (story, other)
    )  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    text = plan(_Roots(story.pk).ids[1200:1250])
    assert "comment_roots_idx" in text, text
    assert "TEMP B-TREE" not in text, text
