"""One build, phase by phase, each timed: filing, stories, comments, then the derived
data (comment counts, related rankings, search index) and fresh planner statistics."""

import random
import time
from contextlib import contextmanager

from django.db import connection
from django.db.models import Max
from django.utils import timezone

from articles.models import Article
from comments.models import Comment

from . import derived, filing, shape
from .comments import Commenters, Discussion, write_comments
from .postgres import PostgresLoader
from .sqlite import SqliteLoader
from .stories import Filing, StoryMaker, write_stories
from .text import Writer

LOADERS = {"postgresql": PostgresLoader, "sqlite": SqliteLoader}


class Clock:
    """Prints each phase's time, and progress within the long ones."""

    def __init__(self, out):
        self.out = out
        self.times = {}

    @contextmanager
    def phase(self, name):
        started = time.perf_counter()
        yield
        self.times[name] = time.perf_counter() - started
        self.out(f"{name}: {self.times[name]:.1f}s")

    def progress(self, name, total, steps=10):
        started, step = time.perf_counter(), max(1, total // steps)
        marks = {"next": step}

        def report(done):
            if done >= marks["next"] or done >= total:
                marks["next"] = (done // step + 1) * step
                elapsed = time.perf_counter() - started
                self.out(f"  {name}: {min(done, total):,} of {total:,} ({elapsed:.0f}s)")

        return report


def _next_id(model):
    return (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1


def _filing(seed, pictures):
    rng = random.Random(f"{seed}:filing")  # noqa: S311 (not a secret)
    return Filing(
        sections=filing.sections(),
        authors=filing.authors(rng),
        tags=filing.tags(shape.tag_names(rng)),
        figures=filing.pictures(pictures),
    )


def generate(*, stories, comments, seed, pictures, stdout):
    """Write a magazine of ``stories`` stories and ``comments`` comments, reporting
    to ``stdout``; returns the seconds each phase took."""

    def out(message):
        stdout.write(message)
        stdout.flush()

    clock, now = Clock(out), timezone.now()
    loader = LOADERS[connection.vendor]()

    def rng(part):
        return random.Random(f"{seed}:{part}")  # noqa: S311 (not a secret)

    with loader.loading():
        with clock.phase("sections, authors, tags, pictures"):
            writer, filed = Writer(seed), _filing(seed, pictures)
        first = _next_id(Article)
        slots = shape.history(stories, rng("history"), now)
        with clock.phase("stories"):
            maker = StoryMaker(writer, filed)
            progress = clock.progress("stories", stories)
            write_stories(loader, maker, slots, rng("stories"), first, progress)
        public = [
            (first + i, s.publish_at)
            for i, s in enumerate(slots)
            if s.publish_at and s.publish_at <= now
        ]
        with clock.phase("comments"):
            counts = shape.comment_counts(list(range(len(public))), comments, rng("counts"))
            people = Commenters(rng("people"), max(50, min(50_000, comments // 10)))
            discussion = Discussion(writer, people, now)
            progress = clock.progress("comments", comments)
            write_comments(
                loader, discussion, counts, public, rng("comments"), _next_id(Comment), progress
            )
        loader.finish([Article, Comment])
    with clock.phase("analyze"):
        loader.analyze()  # the derived data's queries need statistics on the new rows
    generated = derived.stories_between(first, first + stories - 1)
    with clock.phase("comment counts"):
        derived.count_comments(generated)
    with clock.phase("related stories"):
        derived.rank_related(loader, generated, clock.progress("related stories", stories))
    with clock.phase("tag times and search index"):
        derived.stories_saved(generated)
    with clock.phase("analyze again"):
        loader.analyze()
    return clock.times
