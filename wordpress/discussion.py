"""Comments, written in bulk with the generator's loaders (COPY on PostgreSQL,
executemany on SQLite) with ids reserved first, so that each card (which links to its
comment's id) is made before the row is written, as the comments app makes it on save.

- threads at any depth from ``wp:comment_parent``; a reply whose parent is not
  imported (a pingback, say) starts a thread of its own;
- statuses: 1 approved, 0 pending, spam, trash (and post-trashed) as they are;
- pingbacks and trackbacks are not readers' comments: skipped and counted;
- the body is plain text, as any reader's comment (WordPress's HTML reduced to its
  text, paragraphs kept); an IP address older than COMMENT_IP_RETENTION_DAYS is not
  kept; a comment by one of the export's authors is a staff reply.
"""

import ipaddress
import re
from datetime import timedelta
from html import unescape
from types import SimpleNamespace

from django.conf import settings
from django.db import connection
from django.utils import timezone

from comments.models import Comment
from comments.rendering import render_body, render_card
from tools.generator.build import LOADERS
from tools.generator.tables import Table

from .mapping import digest, plain, wp_time
from .models import WordPressItem

STATUSES = {
    "1": "approved",
    "approve": "approved",
    "0": "pending",
    "hold": "pending",
    "spam": "spam",
    "trash": "trash",
    "post-trashed": "trash",
}
FIELDS = (
    "id", "article", "parent", "root", "depth", "name", "email", "website", "body",
    "body_html", "card_html", "status", "created_at", "ip_address", "is_staff_reply",
)  # fmt: skip
_BREAK = re.compile(r"<br\s*/?>|</p>|</li>|</blockquote>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")


def comment_text(html):
    text = _BREAK.sub("\n\n", (html or "").replace("\r\n", "\n"))
    return unescape(_TAG.sub("", text)).strip()


def _website(url):
    url = (url or "").strip()
    return url[:300] if url.startswith(("http://", "https://")) and " " not in url else ""


def _ip(value, created, cutoff):
    try:
        address = str(ipaddress.ip_address((value or "").strip()))
    except ValueError:
        return None
    return address if created and created >= cutoff else None


class Discussion:
    def __init__(self, survey, report):
        self.staff = survey.staff_ids
        self.report = report
        self.loader = LOADERS[connection.vendor]()
        self.table = Table(Comment, FIELDS)
        self.items = Table(WordPressItem, ("kind", "key", "object_id", "digest"))
        self.cutoff = timezone.now() - timedelta(days=settings.COMMENT_IP_RETENTION_DAYS)

    def _fields(self, raw):
        created = wp_time(raw, "wp:comment_date_gmt", "wp:comment_date") or timezone.now()
        body = comment_text(raw.get("wp:comment_content")) or "…"
        return {
            "name": plain(raw.get("wp:comment_author"), 80) or "Anonymous",
            "email": (raw.get("wp:comment_author_email") or "").strip()[:254],
            "website": _website(raw.get("wp:comment_author_url")),
            "body": body,
            "status": STATUSES.get((raw.get("wp:comment_approved") or "").strip(), "pending"),
            "created_at": created,
            "ip_address": _ip(raw.get("wp:comment_author_IP"), created, self.cutoff),
            "is_staff_reply": (raw.get("wp:comment_user_id") or "0").strip() in self.staff,
        }

    def _wanted(self, threads):
        """[(article id, wp id, parent wp id, fields)] of the readers' comments."""
        wanted = []
        for article_id, comments in threads:
            for raw in comments:
                kind = (raw.get("wp:comment_type") or "").strip() or "comment"
                key = (raw.get("wp:comment_id") or "").strip()
                if kind != "comment":
                    self.report.skip("comments", f"a {kind}, not a reader's comment")
                elif not key:
                    self.report.skip("comments", "no comment id")
                else:
                    parent = (raw.get("wp:comment_parent") or "0").strip()
                    wanted.append((article_id, key, parent, self._fields(raw)))
        return wanted

    def write(self, threads):
        """Import the comments of ``threads`` ([(article id, [raw comment])])."""
        wanted = self._wanted(threads)
        existing = {
            key: (pk, old)
            for key, pk, old in WordPressItem.objects.filter(
                kind=WordPressItem.Kind.COMMENT, key__in=[w[1] for w in wanted]
            ).values_list("key", "object_id", "digest")
        }
        ids = {key: pk for key, (pk, _) in existing.items()}
        fresh = [w for w in wanted if w[1] not in ids]
        for (_, key, _, _), pk in zip(fresh, self._reserve(len(fresh)), strict=True):
            ids[key] = pk
        self._insert(fresh, ids)
        self._update([w for w in wanted if w[1] in existing], ids, existing)

    def _insert(self, fresh, ids):
        rows, items = [], []
        outside = {ids[w[2]] for w in fresh if w[2] in ids} - {ids[w[1]] for w in fresh}
        places = {
            pk: (root, depth)
            for pk, root, depth in Comment.objects.filter(pk__in=outside).values_list(
                "pk", "root_id", "depth"
            )
        }
        for article_id, key, parent_key, fields in _parents_first(fresh):
            pk = ids[key]
            parent = ids.get(parent_key) if parent_key != key else None
            root, depth = places.get(parent, (None, 0)) if parent else (None, 0)
            root = (root or parent) if parent else None
            places[pk] = (root, depth + 1)
            body_html = render_body(fields["body"])
            # What the card shows of the comment (as the generator makes it), without
            # building a model instance for each of a hundred thousand.
            card = render_card(SimpleNamespace(pk=pk, body_html=body_html, **fields))
            rows.append((
                pk, article_id, parent, root, depth + 1, fields["name"], fields["email"],
                fields["website"], fields["body"], body_html, card, fields["status"],
                fields["created_at"], fields["ip_address"], fields["is_staff_reply"],
            ))  # fmt: skip
            items.append(("comment", key, pk, digest([parent_key, fields])))
        if rows:
            self.loader.write(self.table, rows)
            self.loader.write(self.items, items)
            self.report.count("comments", "created", len(rows))

    def _update(self, known, ids, existing):
        for _, key, parent_key, fields in known:
            new = digest([parent_key, fields])
            if existing[key][1] == new:
                self.report.count("comments", "unchanged")
                continue
            comment = Comment.objects.filter(pk=ids[key]).first()
            if comment is None:
                self.report.skip("comments", "deleted here since the last import", key)
                continue
            for name, value in fields.items():
                setattr(comment, name, value)
            comment.save()
            WordPressItem.objects.filter(kind="comment", key=key).update(digest=new)
            self.report.count("comments", "updated")

    def _reserve(self, n):
        """``n`` ids no other writer will use: from the sequence on PostgreSQL; past the
        highest one on SQLite, whose write lock this transaction holds."""
        if not n:
            return []
        table = Comment._meta.db_table
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(
                    "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                    [table, n],
                )
                return [row[0] for row in cursor.fetchall()]
            cursor.execute(f"SELECT max(id) FROM {table}")  # noqa: S608 (our table's name)
            top = cursor.fetchone()[0] or 0
            cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
            row = cursor.fetchone()
            top = max(top, row[0] if row else 0)
        return list(range(top + 1, top + 1 + n))


def _parents_first(wanted):
    """The comments ordered so that each comes after its parent (a cycle or a missing
    parent makes a comment the start of a thread)."""
    by_key = {w[1]: w for w in wanted}
    done, ordered = set(), []

    def place(entry, seen):
        key, parent = entry[1], entry[2]
        if key in done:
            return
        if parent in by_key and parent not in done and parent not in seen:
            place(by_key[parent], seen | {key})
        done.add(key)
        ordered.append(entry)

    for entry in wanted:
        place(entry, frozenset())
    return ordered
