"""Related stories: editors' pins first, then stories scored by what they share.

A shared tag is worth more the rarer it is (inverse document frequency over the
published stories), a shared category adds a fixed bonus, and ties go to the
newer story. Nothing unrelated is ever added as filler. The work is a fixed
number of queries however many stories, tags or pins there are.
"""

import math

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count
from taggit.models import TaggedItem

from .models import Article, PinnedRelation

CATEGORY_BONUS = 0.5
# Same-category stories considered when nothing else links them; the newest are
# the most useful, and the cap keeps the query small on a large archive.
CATEGORY_CANDIDATES = 60


def related_to(article, limit=9):
    """Up to ``limit`` published stories related to ``article``, best first."""
    published = Article.objects.published().exclude(pk=article.pk)

    pinned_ids = list(
        PinnedRelation.objects.filter(from_article=article, to_article__in=published).values_list(
            "to_article_id", flat=True
        )
    )

    scores = {}
    tagged = published.none()
    tag_ids = [tag.pk for tag in article.tags.all()]
    if tag_ids:
        content_type = ContentType.objects.get_for_model(Article)
        public_ids = Article.objects.published().values("pk")
        rows = TaggedItem.objects.filter(
            content_type=content_type, tag_id__in=tag_ids, object_id__in=public_ids
        )
        frequency = dict(
            rows.values_list("tag_id").annotate(n=Count("pk")).values_list("tag_id", "n")
        )
        total = max(published.count() + 1, 1)
        for object_id, tag_id in rows.exclude(object_id=article.pk).values_list(
            "object_id", "tag_id"
        ):
            weight = math.log(1 + total / frequency[tag_id])
            scores[object_id] = scores.get(object_id, 0.0) + weight
        tagged = published.filter(pk__in=rows.values("object_id"))

    # One query gives every candidate's date: the tag matches and the newest
    # stories of the same section.
    same_section = published.filter(category_id=article.category_id)
    candidates = tagged | published.filter(
        pk__in=same_section.order_by("-publish_at").values("pk")[:CATEGORY_CANDIDATES]
    )
    dates = {}
    for pk, category_id, publish_at in candidates.values_list("pk", "category_id", "publish_at"):
        dates[pk] = publish_at
        if category_id == article.category_id:
            scores[pk] = scores.get(pk, 0.0) + CATEGORY_BONUS

    wanted = pinned_ids[:limit]
    ranked = sorted(
        (pk for pk in dates if pk not in pinned_ids),
        key=lambda pk: (-round(scores[pk], 9), -dates[pk].timestamp(), -pk),
    )
    wanted += ranked[: limit - len(wanted)]

    if not wanted:
        return []
    stories = published.for_listing().in_bulk(wanted)
    return [stories[pk] for pk in wanted if pk in stories]
