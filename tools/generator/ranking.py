"""Related rankings for a whole generated magazine at once.

The rule is ``articles.related.rank``'s, with its constants and its ``TagWeights``;
only the reading differs. ``rank`` asks about ten queries per story, which at
100,000 stories is hours (and on SQLite its pin query reads every published id
each time); here each tag's and each section's newest stories are read once, for
all stories, and every ranking is worked out in memory. tests/tools/test_generator.py
checks that the result is exactly ``related.rank``'s for every story.
"""

import heapq
import json
from collections import defaultdict

from articles import related
from articles.models import Article, PinnedRelation, StoryTag

PUBLISHED = Article.Status.PUBLISHED


class Neighbourhoods:
    """What the rankings of ``stories`` read: each tag's and each section's newest
    listed stories (one more than a ranking takes, as it skips the story itself),
    the ranked stories' own tags and pins, and the tag weights."""

    def __init__(self, stories):
        self.by_tag = defaultdict(list)
        rows = (
            StoryTag.objects.filter(content_object__status=PUBLISHED)
            .order_by("tag", "-publish_at", "-content_object_id")
            .values_list("tag", "content_object", "publish_at", "content_object__category")
        )
        for tag, pk, when, section in rows.iterator(chunk_size=20_000):
            newest = self.by_tag[tag]
            if len(newest) <= related.TAG_CANDIDATES:
                newest.append((pk, when.timestamp(), section))
        listed = Article.objects.filter(status=PUBLISHED).order_by("-publish_at", "-pk")
        self.by_section = {}
        for section in set(stories.values_list("category_id", flat=True)):
            newest = listed.filter(category_id=section).values_list("pk", "publish_at")
            self.by_section[section] = [
                (pk, when.timestamp(), section)
                for pk, when in newest[: related.SECTION_CANDIDATES + 1]
            ]
        self.tags = defaultdict(list)
        for pk, tag in StoryTag.objects.filter(content_object__in=stories).values_list(
            "content_object", "tag"
        ):
            self.tags[pk].append(tag)
        self.pins = defaultdict(list)
        pins = PinnedRelation.objects.filter(from_article__in=stories, to_article__status=PUBLISHED)
        for source, target in pins.order_by("position", "pk").values_list(
            "from_article", "to_article"
        ):
            self.pins[source].append(target)
        self.weights = related.TagWeights()

    def _scored(self, article):
        """The candidates ({id: (id, publish timestamp, section)}) and their scores."""
        own, section = article.pk, article.category_id
        tag_ids = self.tags[own]
        weights = self.weights.for_story(article, tag_ids) if tag_ids else {}
        candidates, scores = {}, {}
        for tag_id in tag_ids:
            weight, taken = weights[tag_id], 0
            for row in self.by_tag[tag_id]:
                if row[0] == own:
                    continue
                if taken == related.TAG_CANDIDATES:
                    break
                taken += 1
                candidates[row[0]] = row
                scores[row[0]] = scores.get(row[0], 0.0) + weight
        same_section = [row for row in self.by_section[section] if row[0] != own]
        for row in same_section[: related.SECTION_CANDIDATES]:
            candidates.setdefault(row[0], row)
            scores.setdefault(row[0], 0.0)
        for pk, row in candidates.items():
            if row[2] == section:
                scores[pk] += related.SECTION_BONUS
        return candidates, scores

    def rank(self, article):
        """``related.rank(article)``, from what was read."""
        pinned = self.pins[article.pk]
        candidates, scores = self._scored(article)
        eligible = [pk for pk in candidates if pk not in pinned]
        if len(eligible) > related.STORED:
            # Rounding moves a score by under 1e-9, so nothing below this cut can rank.
            cut = heapq.nlargest(related.STORED, [scores[pk] for pk in eligible])[-1] - 1e-8
            eligible = [pk for pk in eligible if scores[pk] >= cut]
        eligible.sort(key=lambda pk: (-round(scores[pk], 9), -candidates[pk][1], -pk))
        return (pinned + eligible)[: related.STORED]


def rank_all(loader, stories, progress):
    """Store the ranking of every story in ``stories``: all worked out, then written
    in one set-based update."""
    neighbourhoods = Neighbourhoods(stories)
    rows = list(stories.order_by("pk").values_list("pk", "category", "status", "publish_at"))
    rankings = []
    for done, (pk, section, status, when) in enumerate(rows, 1):
        article = Article(pk=pk, category_id=section, status=status, publish_at=when)
        rankings.append((pk, json.dumps(neighbourhoods.rank(article))))
        if done % 1_000 == 0:
            progress(done)
    field = Article._meta.get_field("related_ids")
    loader.update(Article._meta.db_table, field.column, rankings)
    progress(len(rows))
