"""Comment rows: discussions under the public stories, mostly approved, some held or
marked as spam, with replies up to the default thread depth. Bodies come from the
writer's pool, rendered once by the comments app's own ``render_body``."""

from datetime import timedelta
from types import SimpleNamespace

from comments.models import Comment
from comments.rendering import render_card

from .tables import Table
from .text import vocabulary, zipf_weights

BATCH = 50_000
STATUSES = ("approved", "pending", "spam", "trash")
STATUS_WEIGHTS = (90, 6, 3, 1)
REPLY_SHARE = 0.25
MAX_DEPTH = 3  # DiscussionSettings.thread_depth's default
MEAN_DELAY_HOURS = 36
COMMENT_FIELDS = (
    "id", "article", "parent", "root", "depth", "name", "email", "body", "body_html",
    "card_html", "status", "created_at", "moderated_at",
)  # fmt: skip


class Commenters:
    """Names and addresses of the readers who comment, a few of them very often."""

    def __init__(self, rng, count):
        words = vocabulary()
        self.people = []
        for n in range(count):
            first, last = rng.choice(words["first_names"]), rng.choice(words["last_names"])
            email = f"{first}.{last}.{n}@example.com".lower()
            self.people.append((f"{first} {last}", email))
        self.weights = zipf_weights(count, offset=10)

    def draw(self, rng, k):
        return rng.choices(self.people, cum_weights=self.weights, k=k)


class Discussion:
    """The comments of one story, in the order they were written."""

    def __init__(self, writer, commenters, now):
        self.writer = writer
        self.commenters = commenters
        self.now = now

    def _times(self, rng, published, count):
        room = (self.now - published).total_seconds()
        delays = []
        for _ in range(count):
            seconds = rng.expovariate(1 / (MEAN_DELAY_HOURS * 3600))
            delays.append(seconds if seconds < room else room * rng.random())
        return [published + timedelta(seconds=s) for s in sorted(delays)]

    def _parent(self, rng, status, approved):
        if status in ("spam", "trash") or not approved or rng.random() >= REPLY_SHARE:
            return None
        parent = rng.choice(approved[-30:])
        return parent if parent[2] < MAX_DEPTH else None

    def rows(self, rng, story_id, published, count, next_id):
        """Comment rows (in ``COMMENT_FIELDS`` order) with ids from ``next_id``."""
        rows, approved = [], []  # approved: (id, root id, depth) that can be replied to
        statuses = rng.choices(STATUSES, weights=STATUS_WEIGHTS, k=count)
        people = self.commenters.draw(rng, count)
        times = self._times(rng, published, count)
        for pk, status, (name, email), when in zip(
            range(next_id, next_id + count), statuses, people, times, strict=True
        ):
            parent = self._parent(rng, status, approved)
            root, depth = (parent[1] or parent[0], parent[2] + 1) if parent else (None, 1)
            body, body_html = rng.choice(
                self.writer.spam if status == "spam" else self.writer.comments
            )
            moderated = when + timedelta(hours=2) if status in ("spam", "trash") else None
            # The card the comments app makes on save: no website, never staff here.
            card = render_card(SimpleNamespace(
                pk=pk, name=name, website="", is_staff_reply=False, created_at=when,
                body_html=body_html,
            ))  # fmt: skip
            rows.append(
                (pk, story_id, parent and parent[0], root, depth, name, email, body, body_html,
                 card, status, when, moderated)
            )  # fmt: skip
            if status == "approved":
                approved.append((pk, root, depth))
        return rows


def write_comments(loader, discussion, counts, stories, rng, first_id, progress):
    """Write ``counts[i]`` comments under ``stories[i]`` ((id, publish time)) for each
    story in ``counts``; ids run from ``first_id``."""
    table = Table(Comment, COMMENT_FIELDS)
    rows, next_id, written = [], first_id, 0
    for index in sorted(counts):
        story_id, published = stories[index]
        rows.extend(discussion.rows(rng, story_id, published, counts[index], next_id))
        next_id += counts[index]
        if len(rows) >= BATCH:
            loader.insert(table, rows)
            written += len(rows)
            progress(written)
            rows = []
    if rows:
        loader.insert(table, rows)
        progress(written + len(rows))
