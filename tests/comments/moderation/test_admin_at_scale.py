"""The newsroom's admin lists at the size of a real magazine (100,000 stories, 1,000,000
comments): each page is read from an index in the list's own order, the counts come
from indexes, and the number of queries does not grow with the rows. (Timings are
measured on generated magazines by a script, never asserted here.)"""

import pytest
from django.db import connection
from django.db.models import Count
from django.db.models.functions import Coalesce
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from comments import changes
from comments.models import Comment
from comments.moderation_screen.page import queue_rows, status_counts, story_choices

from ...factories import make_article, make_author, make_category
from ...helpers import CHANGELIST

pytestmark = pytest.mark.django_db

SCREEN = "admin:comments_comment_moderation"
STORIES = "admin:articles_article_changelist"
# The generated magazine's mix: nine in ten approved, a few held back.
MIX = ["approved"] * 90 + ["pending"] * 6 + ["spam"] * 3 + ["trash"]


def add_comments(stories, count, statuses=MIX):
    """``count`` comments spread over ``stories``, in the statuses' proportions, one a
    minute (the oldest first)."""
    comments = Comment.objects.bulk_create(
        Comment(
            article=stories[n % len(stories)],
            name=f"Reader {n}",
            email=f"reader{n % 97}@example.org",
            body=f"Comment number {n} about a good dog.",
            status=statuses[n % len(statuses)],
        )
        for n in range(count)
    )
    now = timezone.now()
    for n, comment in enumerate(comments):
        comment.created_at = now - timezone.timedelta(minutes=count - n)
    Comment.objects.bulk_update(comments, ["created_at"], batch_size=1000)


def analyze():
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


@pytest.fixture
def magazine():
    """Enough stories and comments that a planner prefers an index to a sort."""
    section, author = make_category(), make_author()
    now = timezone.now()
    stories = Article.objects.bulk_create(
        Article(title=f"Story {n}", slug=f"story-{n}", author=author, category=section,
                status="published" if n % 10 else "draft",
                publish_at=now - timezone.timedelta(minutes=n) if n % 10 else None)
        for n in range(600)
    )  # fmt: skip
    add_comments(stories[:150], 3000)
    analyze()
    return stories


def plan(queryset):
    """The query's plan. On PostgreSQL with sorting priced out: at a test's size it
    would rightly sort a few hundred rows (its index-only scans look dear before a
    VACUUM), so this asks whether an index can give the order, as at a million rows."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
            return "\n".join(str(row[-1]) for row in cursor.fetchall())
        cursor.execute("SET enable_sort = off; SET enable_incremental_sort = off")
        try:
            cursor.execute("EXPLAIN " + sql, params)
            return "\n".join(row[0] for row in cursor.fetchall())
        finally:
            cursor.execute("RESET enable_sort; RESET enable_incremental_sort")


def assert_read_in_order(text, index, table):
    assert index in text, text
    if connection.vendor == "sqlite":
        assert "TEMP B-TREE" not in text, text
    else:
        assert "Sort" not in text, text
        assert f"Seq Scan on {table}" not in text, text


def assert_counted_from_an_index(text, table):
    if connection.vendor == "sqlite":
        assert f"SCAN {table}\n" not in text + "\n", text
        assert "USING" in text, text
    else:
        assert f"Seq Scan on {table}" not in text, text


def changelist(client, **query):
    response = client.get(reverse(CHANGELIST), query)
    assert response.status_code == 200
    return response.context["cl"]


def a_page_of(queryset, number=2, per_page=100):
    bottom = (number - 1) * per_page
    return queryset.values_list("pk", flat=True)[bottom : bottom + per_page]


# The comment list -------------------------------------------------------------------


def test_comment_list_pages_are_read_from_indexes(admin_client, magazine):
    """Pending first from comment_pending_first_idx; one status, newest first, from
    comment_status_newest_idx: a page is a walk along an index, never a sort of every
    comment (at a million on SQLite, 1.2 s for the first page and 100 s for page 5,000
    before these)."""
    cl = changelist(admin_client)
    assert_read_in_order(plan(a_page_of(cl.queryset)), "comment_pending_first_idx",
                         "comments_comment")  # fmt: skip
    for status in ["pending", "approved", "spam", "trash"]:
        cl = changelist(admin_client, status__exact=status)
        assert_read_in_order(plan(a_page_of(cl.queryset)), "comment_status_newest_idx",
                             "comments_comment")  # fmt: skip


def test_pending_comments_come_first_on_every_page(admin_client, magazine):
    """Pending first, then the others, newest first; a page in the second half is read
    from the end of the index and must be the same page."""
    pending = Comment.objects.pending().order_by("-created_at", "-pk")
    others = Comment.objects.exclude(status="pending").order_by("-created_at", "-pk")
    in_order = [*pending.values_list("pk", flat=True), *others.values_list("pk", flat=True)]
    for number in [1, 2, 16, 29, 30]:
        shown = [c.pk for c in changelist(admin_client, p=number).result_list]
        assert shown == in_order[(number - 1) * 100 : number * 100], number
    first = changelist(admin_client).result_list
    assert {c.status for c in first} == {"pending"}


def test_comment_list_is_counted_once(admin_client, magazine):
    """The filtered count numbers the pages; no second count of every comment."""
    with CaptureQueriesContext(connection) as queries:
        cl = changelist(admin_client, status__exact="spam")
    counts = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"]]
    assert cl.result_count == 90
    assert len([sql for sql in counts if "comments_comment" in sql and "pending" not in sql]) == 1


def test_search_finds_a_rare_word_and_keeps_the_order(admin_client, story):
    add_comments([story], 250, statuses=["approved", "pending"])
    Comment.objects.filter(pk__in=Comment.objects.order_by("pk").values("pk")[:6]).update(
        body="A word seen once: zyzzyva."
    )
    cl = changelist(admin_client, q="zyzzyva")
    statuses = [c.status for c in cl.result_list]
    assert cl.result_count == 6
    assert statuses == sorted(statuses, key=lambda s: s != "pending")
    assert "Comment number" in changelist(admin_client, q="number", p=2).result_list[0].body


def test_comment_list_queries_do_not_grow_past_the_first_page(moderator_client, story):
    """A page past the first is its ids, then its rows with their stories: no query
    per row, however many comments there are."""

    def queries(count):
        Comment.objects.all().delete()
        add_comments([story, make_article()], count)
        with CaptureQueriesContext(connection) as captured:
            cl = changelist(moderator_client, p=2)
        assert len(cl.result_list) == 100
        return len(captured)

    # session, user, permissions (2), the count, the page's ids, its rows, the header.
    assert queries(250) == queries(600) == 8


# The moderation screen --------------------------------------------------------------


def test_screen_reads_its_pages_and_counts_from_indexes(magazine):
    for status in ["pending", "approved"]:
        assert_read_in_order(plan(a_page_of(queue_rows(status), per_page=50)),
                             "comment_status_newest_idx", "comments_comment")  # fmt: skip
    held = Comment.objects.filter(status__in=["pending", "spam", "trash"]).order_by()
    assert_counted_from_an_index(
        plan(held.values_list("status").annotate(n=Count("*"))), "comments_comment"
    )
    assert status_counts() == {"approved": 2700, "pending": 180, "spam": 90, "trash": 30}
    story = magazine[7]
    assert status_counts(story.pk) == {
        status: Comment.objects.filter(article=story, status=status).count()
        for status in ["pending", "approved", "spam", "trash"]
    }


def test_story_filter_lists_the_busiest_stories_from_indexes(magazine):
    changes.store_counts(Article.objects.all())
    analyze()
    for status in ["pending", "spam", "approved"]:
        expected = sorted(
            (
                (story.pk, story.title, n)
                for story in magazine[:150]
                if (n := Comment.objects.filter(article=story, status=status).count())
            ),
            key=lambda row: (-row[2], row[1]),
        )
        assert story_choices(status) == expected[:100], status
    busiest = (
        Comment.objects.filter(status="pending")
        .order_by()
        .values("article_id")
        .annotate(n=Count("pk"))
        .order_by("-n")
    )
    assert_counted_from_an_index(plan(busiest), "comments_comment")
    approved = Article.objects.filter(comment_count__gt=0).order_by("-comment_count", "title")
    assert_read_in_order(plan(approved.values_list("pk")[:100]), "article_most_comments_idx",
                         "articles_article")  # fmt: skip


def test_screen_queries_do_not_grow_past_the_first_page(moderator_client, story):
    def queries(count):
        Comment.objects.all().delete()
        add_comments([story, make_article()], count, statuses=["pending"])
        with CaptureQueriesContext(connection) as captured:
            response = moderator_client.get(reverse(SCREEN), {"page": 2})
        assert len(response.context["comments"]) == 50
        return len(captured)

    assert queries(120) == queries(300) == 11


# The story list ---------------------------------------------------------------------


def test_story_list_reads_its_newest_first_index(admin_client, magazine):
    """Every status, newest first (a draft by when it was started), from
    article_newest_idx; a later page still shows each story's comment counts."""
    response = admin_client.get(reverse(STORIES))
    assert response.status_code == 200
    cl = response.context["cl"]
    assert_read_in_order(plan(a_page_of(cl.queryset)), "article_newest_idx", "articles_article")
    newest = Article.objects.order_by(Coalesce("publish_at", "created_at").desc(), "-pk")
    expected = list(newest.values_list("pk", flat=True))
    for number in [2, 5, 6]:
        page = admin_client.get(reverse(STORIES), {"p": number}).context["cl"].result_list
        assert [story.pk for story in page] == expected[(number - 1) * 100 : number * 100]
    pending = dict(
        Comment.objects.pending().values_list("article").annotate(n=Count("*")).order_by()
    )
    shown = {}
    for number in [1, 2, 6]:
        for story in admin_client.get(reverse(STORIES), {"p": number}).context["cl"].result_list:
            shown[story.pk] = story.pending_comments
    assert shown == {pk: pending.get(pk, 0) for pk in shown}
    assert any(shown.values())
