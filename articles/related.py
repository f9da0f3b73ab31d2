"""Related stories: editors' pins first, then stories scored by what they share.

A shared tag is worth more the rarer it is (``log(1 + N / df)`` over the published
stories), a shared section adds a fixed bonus, and ties go to the newer story.
Nothing unrelated is ever added as filler.

The ranking is derived data: it is computed when a story, its tags or its pins
change and stored in ``Article.related_ids``, so a story page reads it with one
query. Computing it has a bounded cost at any size: the candidates are each
tag's newest ``TAG_CANDIDATES`` stories and the section's newest
``SECTION_CANDIDATES``, read in order from their indexes. Scheduled stories are
candidates too (the read path's ``published()`` gate hides them until their
time), so a story scheduled today shows up in older stories' lists when it goes
live, with nothing recomputed.
"""

import math

from django.db import DatabaseError, transaction
from django.db.models import Count

from doggydiary.dberrors import cannot_write

from . import generations
from .models import Article, PinnedRelation, StoryTag

SECTION_BONUS = 0.5
TAG_CANDIDATES = 200
SECTION_CANDIDATES = 60
# More than a page shows (9), so hiding a scheduled or unpublished one still leaves
# enough.
STORED = 15


def _tag_candidates(article, tag_ids):
    """{story id: (publish time, section id)} for each tag's newest listed stories,
    and the stories each tag reaches."""
    candidates, by_tag = {}, {}
    for tag_id in tag_ids:
        rows = (
            StoryTag.objects.filter(tag_id=tag_id, content_object__status=Article.Status.PUBLISHED)
            .exclude(content_object=article.pk)
            .order_by("-publish_at", "-content_object_id")
            .values_list("content_object", "publish_at", "content_object__category")
        )[:TAG_CANDIDATES]
        by_tag[tag_id] = [pk for pk, _, _ in rows]
        candidates.update((pk, (when, section)) for pk, when, section in rows)
    return candidates, by_tag


class TagWeights:
    """``log(1 + N / df)`` for tags over the stories readers can see now. One
    instance may serve many rankings (``refresh_all``); ``N`` counts the other
    public stories and the one being ranked, as a reader would see it."""

    def __init__(self, tag_ids=None):
        public = Article.objects.published()
        rows = StoryTag.objects.filter(content_object__in=public.values("pk"))
        if tag_ids is not None:
            rows = rows.filter(tag_id__in=tag_ids)
        self.frequency = dict(rows.values_list("tag").annotate(n=Count("pk")))
        self.public = public.count()

    def for_story(self, article, tag_ids):
        total = self.public + (0 if article.is_public else 1)
        return {
            tag_id: math.log(1 + total / max(self.frequency.get(tag_id, 1), 1))
            for tag_id in tag_ids
        }


def rank(article, weights=None):
    """The ids of the stories related to ``article``, best first (pins first)."""
    listed = Article.objects.filter(status=Article.Status.PUBLISHED).exclude(pk=article.pk)
    pinned = list(
        PinnedRelation.objects.filter(
            from_article=article, to_article__status=Article.Status.PUBLISHED
        ).values_list("to_article_id", flat=True)
    )
    tag_ids = list(StoryTag.objects.filter(content_object=article).values_list("tag", flat=True))
    candidates, by_tag = _tag_candidates(article, tag_ids)
    weights = (weights or TagWeights(tag_ids)).for_story(article, tag_ids) if tag_ids else {}
    scores = dict.fromkeys(candidates, 0.0)
    for tag_id, story_ids in by_tag.items():
        for pk in story_ids:
            scores[pk] += weights[tag_id]
    same_section = listed.filter(category_id=article.category_id).order_by("-publish_at", "-pk")
    for pk, when in same_section.values_list("pk", "publish_at")[:SECTION_CANDIDATES]:
        candidates.setdefault(pk, (when, article.category_id))
        scores.setdefault(pk, 0.0)
    for pk, (_, section) in candidates.items():
        if section == article.category_id:
            scores[pk] += SECTION_BONUS
    ranked = sorted(
        (pk for pk in candidates if pk not in pinned),
        key=lambda pk: (-round(scores[pk], 9), -candidates[pk][0].timestamp(), -pk),
    )
    return (pinned + ranked)[:STORED]


def _store(article):
    ids = rank(article) if article.pk else []
    Article.objects.filter(pk=article.pk).update(related_ids=ids)
    article.related_ids = ids
    return ids


def _store_on_read(article):
    """Rank and store now; a database that cannot write still gets the page."""
    try:
        with transaction.atomic():
            return _store(article)
    except DatabaseError as error:
        if not cannot_write(error):
            raise
        return rank(article)


def refresh(article):
    """Store ``article``'s ranking (a write: pages showing it move on); returns it."""
    ids = _store(article)
    generations.bump_on_commit(generations.CONTENT)
    return ids


def refresh_all(stories=None, progress=None):
    """Store the ranking of every story (or of ``stories``), sharing one set of tag
    weights: for a whole magazine at once (the demo loader, the generator)."""
    weights = TagWeights()
    stories = stories if stories is not None else Article.objects.all()
    for done, article in enumerate(stories.only("pk", "category", "status", "publish_at")):
        ids = rank(article, weights)
        Article.objects.filter(pk=article.pk).update(related_ids=ids)
        generations.bump_on_commit(generations.CONTENT)
        if progress and done % 1000 == 0:
            progress(done)


def refresh_around(article):
    """Store ``article``'s ranking and that of the stories it lists, which are the
    ones most likely to rank it in turn (a new or retagged story joins their lists)."""
    ids = refresh(article)
    for neighbour in Article.objects.filter(pk__in=ids):
        refresh(neighbour)


def related_ids(article):
    """The stored ranking of ``article`` (computed and stored now if it never was)."""
    if article.related_ids is None:  # a story from before rankings were stored
        return _store_on_read(article)
    return article.related_ids


def related_to(article, limit=9):
    """Up to ``limit`` published stories related to ``article``, best first: one
    query, from the stored ranking (computed now if it never was)."""
    ids = article.related_ids
    if ids is None:  # never computed (a story from before rankings were stored)
        ids = _store_on_read(article)
    if not ids:
        return []
    stories = Article.objects.published().for_listing().in_bulk(ids)
    return [stories[pk] for pk in ids if pk in stories][:limit]
