"""The shape of a generated magazine (issue 8): 20 sections, 300 authors, 2,000 tags
in a Zipf-like spread with 5 to 8 on each story (the busiest on about 57% of
them), ten years of publishing that grows busier towards today, a few drafts and
scheduled stories, and comments with a long tail: a few stories with over 2,000."""

from bisect import bisect
from dataclasses import dataclass
from datetime import timedelta
from itertools import accumulate

from .text import vocabulary, zipf_weights

AUTHORS = 300
TAGS = 2_000
TAGS_PER_STORY = (5, 8)
BUSIEST_TAG_SHARE = 0.57
YEARS = 10
DRAFT_SHARE = 0.01
REVIEW_SHARE = 0.005
SCHEDULED_SHARE = 0.003
FEATURED_SHARE = 0.005
# One story in this many public ones has a discussion of BIG_DISCUSSION or more.
BIG_DISCUSSION_EVERY = 20_000
BIG_DISCUSSION = 2_000
# The tail's heaviest weight, fifty times the mean: its busiest stories get a few
# hundred comments, well short of the big discussions.
TAIL_CAP = 150
QUIET_SHARE = 0.3  # stories nobody comments on


def tag_names(rng):
    """``TAGS`` names, the busiest first: the vocabulary's own tags, then pairs such as
    "muddy walks"."""
    words = vocabulary()
    head = words["tags"]
    taken = set(head)
    pairs = [f"{adj} {pair[1]}" for adj in words["adjectives"] for pair in words["nouns"]]
    pairs = [name for name in pairs if name not in taken]
    return head + rng.sample(pairs, TAGS - len(head))


class TagPicker:
    """Draws a story's tags: the busiest tag with ``BUSIEST_TAG_SHARE``, the others by
    ``1 / (rank + 2)``, so the next few are on a fifth of the stories and the last
    ones on a handful."""

    def __init__(self, count=TAGS):
        self.others = list(range(1, count))
        self.weights = zipf_weights(len(self.others))

    def pick(self, rng):
        wanted = rng.randint(*TAGS_PER_STORY)
        picked = [0] if rng.random() < BUSIEST_TAG_SHARE else []
        while len(picked) < wanted:
            for tag in rng.choices(self.others, cum_weights=self.weights, k=wanted):
                if tag not in picked and len(picked) < wanted:
                    picked.append(tag)
        return picked


@dataclass(frozen=True)
class Slot:
    """One story's place in the magazine's history."""

    status: str
    publish_at: object  # datetime, or None for a draft
    created_at: object
    updated_at: object
    featured: bool = False


def _published(rng, when, now):
    created = when - timedelta(hours=rng.uniform(1, 72))
    edited = when + timedelta(days=rng.uniform(0, 30)) if rng.random() < 0.1 else when
    return Slot("published", when, created, min(edited, now))


def history(count, rng, now):
    """A ``Slot`` for each of ``count`` stories, oldest first (ids follow time, as
    they do in a magazine that has been writing for years)."""
    span = timedelta(days=365 * YEARS)
    # u ** (1 / 1.5) leans towards 1: more stories in recent years than early on.
    offsets = sorted(rng.random() ** (1 / 1.5) for _ in range(count))
    latest = now - timedelta(hours=1)
    slots = [_published(rng, latest - span * (1 - offset), now) for offset in offsets]
    scheduled = max(1, round(count * SCHEDULED_SHARE)) if count >= 10 else 0
    future = sorted(now + timedelta(hours=rng.uniform(2, 24 * 30)) for _ in range(scheduled))
    for index, when in zip(range(count - scheduled, count), future, strict=True):
        slots[index] = Slot("published", when, now - timedelta(days=1), now)
    unpublished = rng.sample(
        range(count - scheduled),
        min(count - scheduled, max(1, round(count * (DRAFT_SHARE + REVIEW_SHARE)))),
    )
    for position, index in enumerate(unpublished):
        status = "review" if position % 3 == 2 else "draft"
        created = slots[index].created_at
        slots[index] = Slot(status, None, created, created)
    public = [i for i, slot in enumerate(slots) if slot.publish_at and slot.publish_at <= now]
    for index in rng.sample(public, min(len(public), max(1, round(len(public) * FEATURED_SHARE)))):
        slot = slots[index]
        slots[index] = Slot(slot.status, slot.publish_at, slot.created_at, slot.updated_at, True)
    return slots


def comment_counts(candidates, total, rng):
    """{story index: comments} spreading ``total`` over ``candidates`` (the public
    stories): a few big discussions, then a capped Pareto tail, so many have none."""
    counts = {}
    if not candidates or total <= 0:
        return counts
    big = max(1, len(candidates) // BIG_DISCUSSION_EVERY)
    big = rng.sample(candidates, min(len(candidates), big))
    for index in big:
        counts[index] = min(BIG_DISCUSSION + rng.randrange(1_000), total // (4 * len(big)))
    chosen = set(big)
    others = [index for index in candidates if index not in chosen] or candidates
    weights = list(
        accumulate(
            0 if rng.random() < QUIET_SHARE else min(rng.paretovariate(1.5), TAIL_CAP)
            for _ in others
        )
    )
    for index in rng.choices(others, cum_weights=weights, k=total - sum(counts.values())):
        counts[index] = counts.get(index, 0) + 1
    return counts


def weighted_picker(count, offset):
    """A function drawing an index below ``count``, lower ones more often."""
    weights = zipf_weights(count, offset)
    top = weights[-1]
    return lambda rng: bisect(weights, rng.random() * top)
