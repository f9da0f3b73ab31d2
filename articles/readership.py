"""Readership counted by the site itself: views per story per day, nothing more.

A story page, once a person sees it, sends one small POST to ``read/<id>/``
(``static/js/site.js``, ``navigator.sendBeacon``): cached pages are counted too, and
the page cache is never involved. The request carries no cookie and nothing of it
is kept but the story and the day. Crawlers (by their user agent), prefetches and
prerenders, and posts from other sites are not counted.

Each worker adds the views up in memory and writes them in one statement per batch,
``READERSHIP_FLUSH_SECONDS`` after the first view of the batch (0: at once), and when
it exits. After a write the week's most read are worked out again; if their order
changed, the ``readership`` generation moves and the home page is made again. So
"Most read" follows what was read within that many seconds.
"""

import atexit
import logging
import re
import threading
from collections import Counter
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, close_old_connections, connection, transaction
from django.db.models import Q, Sum
from django.http import HttpResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from doggydiary.caching import CACHE_ERRORS

from . import generations
from .models import Article, StoryViews

logger = logging.getLogger(__name__)

WEEK = 7
MOST_READ = 5
# A worker holding this many stories' counts writes them at once: a stranger
# posting made-up ids cannot make it hold more.
MAX_PENDING = 5000
# The largest id a story can have (a 64-bit column): a longer number names none.
MAX_ID = 2**63 - 1
CRAWLER = re.compile(
    r"bot\b|bot/|crawl|spider|slurp|archiver|fetcher|scraper|preview|facebookexternalhit"
    r"|curl|wget|python-|httpclient|okhttp|go-http|java/|libwww|lighthouse|pingdom|uptime",
    re.IGNORECASE,
)
PREFETCH = re.compile(r"prefetch|prerender|preview", re.IGNORECASE)
TOP_KEY = "readership:top"

_pending = Counter()
_lock = threading.Lock()
_timer = None


def is_counted(request):
    """A person's view: not a crawler, a prefetch or another site's post."""
    headers = request.headers
    agent = headers.get("User-Agent", "")
    if not agent or CRAWLER.search(agent):
        return False
    purpose = headers.get("Sec-Purpose", "") + headers.get("Purpose", "")
    if PREFETCH.search(purpose) or headers.get("X-Moz") == "prefetch":
        return False
    return headers.get("Sec-Fetch-Site", "same-origin") == "same-origin"


def count(article_id):
    """One view of the story ``article_id`` today, written with the next batch."""
    global _timer
    day = timezone.localdate()
    with _lock:
        _pending[(article_id, day)] += 1
        full = len(_pending) >= MAX_PENDING
        due = settings.READERSHIP_FLUSH_SECONDS <= 0 or full
        if not due and _timer is None:
            _timer = threading.Timer(settings.READERSHIP_FLUSH_SECONDS, _flush_in_background)
            _timer.daemon = True
            _timer.start()
    if due:
        flush()


def _flush_in_background():
    try:
        flush()
    finally:
        close_old_connections()
        connection.close()


def _take():
    global _timer
    with _lock:
        if _timer is not None:  # a flush now is the batch's flush
            _timer.cancel()
            _timer = None
        batch = dict(_pending)
        _pending.clear()
    return batch


def flush():
    """Write the views this worker counted. Views of stories that are not public
    (made-up ids, a story unpublished meanwhile) are dropped."""
    batch = _take()
    if not batch:
        return
    ids = {article_id for article_id, _ in batch}
    try:
        public = set(Article.objects.published().filter(pk__in=ids).values_list("pk", flat=True))
        rows = [(pk, day, n) for (pk, day), n in batch.items() if pk in public]
        _write(rows)
    except DatabaseError as error:  # a locked or read-only database: try again later
        logger.warning("Views not written yet: %s", error)
        with _lock:
            if len(_pending) < MAX_PENDING:
                _pending.update(batch)
        return
    _follow_most_read()


def _write(rows):
    # Django has no "add to the row if it is there" for many rows; this statement
    # means the same on SQLite and PostgreSQL, so two workers' batches both count.
    table = connection.ops.quote_name(StoryViews._meta.db_table)
    # The table's own quoted name; the values are parameters.
    sql = (
        f"INSERT INTO {table} (article_id, day, views) VALUES (%s, %s, %s) "  # noqa: S608
        f"ON CONFLICT (article_id, day) DO UPDATE SET views = {table}.views + excluded.views"
    )
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _follow_most_read():
    """Move the readership generation when the week's most read changed order."""
    top = most_read_ids()
    try:
        if cache.get(TOP_KEY) != top:
            cache.set(TOP_KEY, top, None)
            generations.bump(generations.READERSHIP)
    except CACHE_ERRORS as error:
        logger.warning("Most read not refreshed: %s", error)


def _week_start():
    return timezone.localdate() - timedelta(days=WEEK - 1)


def _ranked(limit, with_views=False):
    """The ids of the stories read most in the last seven days (today included), most
    first, ties to the newer story; a few more than ``limit``, so that a story
    unpublished this week leaves its place to the next. ``with_views``: (id, views)."""
    ranked = (
        StoryViews.objects.filter(day__gte=_week_start())
        .values("article")
        .annotate(total=Sum("views"))
        .order_by("-total", "-article")
    )
    if with_views:
        return list(ranked.values_list("article", "total")[: limit * 4])
    return list(ranked.values_list("article", flat=True)[: limit * 4])


def most_read_ids(limit=MOST_READ):
    """The public stories read most this week, most first."""
    ids = _ranked(limit)
    public = set(Article.objects.published().filter(pk__in=ids).values_list("pk", flat=True))
    return [pk for pk in ids if pk in public][:limit]


def most_read(limit=MOST_READ):
    """The stories of ``most_read_ids`` with what a list entry shows (two queries)."""
    ids = _ranked(limit)
    found = Article.objects.published().for_listing().in_bulk(ids)
    return [found[pk] for pk in ids if pk in found][:limit]


def most_read_with_views(limit=MOST_READ):
    """[(story with its title, views this week), ...] for the newsroom (two queries)."""
    ranked = _ranked(limit, with_views=True)
    found = Article.objects.published().only("title").in_bulk([pk for pk, _ in ranked])
    return [(found[pk], total) for pk, total in ranked if pk in found][:limit]


def views_by_story(article_ids):
    """{story id: {"today", "week", "total"}} for the stories given (zeros if unread)."""
    today = timezone.localdate()
    rows = (
        StoryViews.objects.filter(article_id__in=list(article_ids))
        .values("article")
        .annotate(
            today=Sum("views", filter=Q(day=today), default=0),
            week=Sum("views", filter=Q(day__gte=_week_start()), default=0),
            total=Sum("views", default=0),
        )
    )
    found = {row.pop("article"): row for row in rows}
    return {pk: found.get(pk, {"today": 0, "week": 0, "total": 0}) for pk in article_ids}


@csrf_exempt  # no cookie to check: the Sec-Fetch-Site check in is_counted stands in
@require_POST
@never_cache
def read(request, pk):
    """The beacon a story page sends: 204, counted or not, so it tells nothing."""
    if pk <= MAX_ID and is_counted(request):
        count(pk)
    return HttpResponse(status=204)


def _flush_at_exit():
    try:
        flush()
    except Exception:  # the database may be gone before the worker is
        logger.warning("Views not written at exit", exc_info=True)


atexit.register(_flush_at_exit)
