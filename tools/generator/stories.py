"""Story rows and their tag rows, written in batches as they are made, so a magazine
of any size is never held in memory at once."""

from dataclasses import dataclass

from django.utils.text import slugify

from articles.models import Article, StoryTag

from . import shape
from .tables import Table
from .text import rare_word

BATCH = 2_000
HERO_SHARE = 0.85
FIGURE_SHARE = 0.2
CLOSED_SHARE = 0.02
STORY_FIELDS = (
    "id", "title", "slug", "dek", "body", "body_html", "body_text", "reading_time",
    "hero_image", "author", "category", "status", "publish_at", "created_at", "updated_at",
    "featured", "comments_open",
)  # fmt: skip
TAG_FIELDS = ("content_object", "tag", "publish_at")


@dataclass
class Filing:
    """The ids a story can be filed under and illustrated with."""

    sections: list
    authors: list
    tags: list
    figures: list


class StoryMaker:
    def __init__(self, writer, filing):
        self.writer = writer
        self.filing = filing
        self.tag_picker = shape.TagPicker(len(filing.tags))
        self.author_picker = shape.weighted_picker(len(filing.authors), offset=5)
        self.section_picker = shape.weighted_picker(len(filing.sections), offset=4)

    def story(self, rng, pk, index, slot):
        """A story row (in ``STORY_FIELDS`` order) and its tag rows."""
        figures = self.filing.figures
        title = self.writer.title(rng)
        hero = rng.choice(figures).image_id if figures and rng.random() < HERO_SHARE else None
        figure = rng.choice(figures) if figures and rng.random() < FIGURE_SHARE else None
        body, body_html, body_text, reading_time = self.writer.story(rng, rare_word(index), figure)
        row = (
            pk,
            title,
            f"{slugify(title)[:80].strip('-')}-{pk}",
            self.writer.standfirst(rng),
            body,
            body_html,
            body_text,
            reading_time,
            hero,
            self.filing.authors[self.author_picker(rng)],
            self.filing.sections[self.section_picker(rng)],
            slot.status,
            slot.publish_at,
            slot.created_at,
            slot.updated_at,
            slot.featured,
            rng.random() >= CLOSED_SHARE,
        )
        tags = [(pk, self.filing.tags[t], slot.publish_at) for t in self.tag_picker.pick(rng)]
        return row, tags


def write_stories(loader, maker, slots, rng, first_id, progress):
    """Write a story for each of ``slots``; ids run from ``first_id`` in order."""
    stories, tags = Table(Article, STORY_FIELDS), Table(StoryTag, TAG_FIELDS)
    for start in range(0, len(slots), BATCH):
        rows, tag_rows = [], []
        for index in range(start, min(start + BATCH, len(slots))):
            row, story_tags = maker.story(rng, first_id + index, index, slots[index])
            rows.append(row)
            tag_rows.extend(story_tags)
        loader.insert(stories, rows)
        loader.insert(tags, tag_rows)
        progress(start + len(rows))
