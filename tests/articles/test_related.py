"""Related stories: the stored, bounded ranking gives what the old full scoring gave,
hides what readers may not see, and costs the same at any size."""

import math
import time
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import related
from articles.models import Article, PinnedRelation, StoryTag

from ..factories import make_article, make_category

pytestmark = pytest.mark.django_db


def full_scoring(article, limit=9):
    """The ranking as it was computed on every request before it was stored: every
    published story sharing a tag, scored over the whole magazine."""
    published = Article.objects.published().exclude(pk=article.pk)
    pinned = list(
        PinnedRelation.objects.filter(from_article=article, to_article__in=published).values_list(
            "to_article_id", flat=True
        )
    )
    tag_ids = list(article.tags.values_list("pk", flat=True))
    rows = StoryTag.objects.filter(
        tag_id__in=tag_ids, content_object__in=Article.objects.published().values("pk")
    )
    frequency = dict(rows.values_list("tag_id").annotate(n=Count("pk")))
    total = published.count() + 1
    scores = {}
    for object_id, tag_id in rows.exclude(content_object=article.pk).values_list(
        "content_object", "tag_id"
    ):
        scores[object_id] = scores.get(object_id, 0.0) + math.log(1 + total / frequency[tag_id])
    tagged = published.filter(pk__in=rows.values("content_object"))
    newest_in_section = published.filter(category_id=article.category_id).order_by("-publish_at")
    candidates = tagged | published.filter(pk__in=newest_in_section.values("pk")[:60])
    dates = {}
    for pk, category_id, publish_at in candidates.values_list("pk", "category_id", "publish_at"):
        dates[pk] = publish_at
        if category_id == article.category_id:
            scores[pk] = scores.get(pk, 0.0) + 0.5
    ranked = sorted(
        (pk for pk in dates if pk not in pinned),
        key=lambda pk: (-round(scores.get(pk, 0.0), 9), -dates[pk].timestamp(), -pk),
    )
    return (pinned + ranked)[:limit]


def test_stored_ranking_matches_the_full_scoring_on_the_demo_magazine():
    call_command("load_demo", scale=0.2, verbosity=0)
    stories = list(Article.objects.published())
    assert len(stories) >= 12
    for story in stories:
        expected = full_scoring(story)
        assert [s.pk for s in related.related_to(story)] == expected, story.slug
        assert expected  # every demo story has related stories


def test_a_scheduled_story_joins_related_lists_when_its_time_comes():
    section = make_category()
    story = make_article(category=section, tags=["rescue", "puppies"])
    soon = timezone.now() + timedelta(seconds=1)
    scheduled = make_article(category=section, tags=["rescue", "puppies"], publish_at=soon)
    related.refresh_all()
    story.refresh_from_db()
    assert scheduled.pk in story.related_ids  # ranked, but hidden until its time
    assert scheduled not in related.related_to(story)
    deadline = time.monotonic() + 10
    while timezone.now() <= soon and time.monotonic() < deadline:
        time.sleep(0.05)
    assert related.related_to(story)[0] == scheduled  # nothing was recomputed


def test_unpublished_and_unrelated_stories_never_show():
    story = make_article(tags=["seniors"])
    draft = make_article(tags=["seniors"], status=Article.Status.DRAFT)
    make_article(tags=["kittens"])  # shares nothing: never filler
    shown = make_article(tags=["seniors"])
    related.refresh_all()
    story.refresh_from_db()
    assert related.related_to(story) == [shown]
    assert draft.pk not in story.related_ids


def test_pins_come_first_and_a_missing_ranking_is_computed_on_first_read():
    story = make_article(tags=["beach"])
    other = make_article(tags=["beach"])
    pinned = make_article(tags=["snow"])
    PinnedRelation.objects.create(from_article=story, to_article=pinned)
    assert story.related_ids is None
    assert related.related_to(story) == [pinned, other]
    assert Article.objects.get(pk=story.pk).related_ids == [pinned.pk, other.pk]


def queries_to_rank(story):
    with CaptureQueriesContext(connection) as captured:
        related.rank(story)
    return len(captured)


def test_ranking_costs_the_same_however_many_stories_share_its_tags():
    """Per-tag candidates are read newest first from the tag's index, a bounded
    number each, so the work does not grow with the magazine."""
    story = make_article(tags=["dogs", "walks", "rain"])
    for _ in range(5):
        make_article(tags=["dogs", "walks"])
    small = queries_to_rank(story)
    for _ in range(related.TAG_CANDIDATES // 10 + 30):
        make_article(tags=["dogs", "walks", "rain"])
    assert queries_to_rank(story) == small
    assert len(related.rank(story)) == related.STORED
