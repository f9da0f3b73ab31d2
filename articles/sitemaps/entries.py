"""What each sitemap file lists, and the files the index points at.

File names: ``stories-2025-03`` (the stories first published that month, UTC),
``sections``, ``authors``, ``tags``; the second and later files of one that is over
the limit add ``-2``, ``-3``...
"""

import re
from datetime import UTC, datetime

from ..models import Article
from . import catalogue
from .dates import UTCText

# The protocol's limit; tests set it low to see files split.
URLS_PER_FILE = 50_000
# Sections, authors and tags come from one cached list, so their files cost what
# they print: smaller files keep each one as quick at 2,000 tags as at 200.
ARCHIVE_URLS_PER_FILE = 500
FILE_NAME = re.compile(
    r"(?:stories-(?P<year>[0-9]{4})-(?P<month>[0-9]{2})|(?P<archive>sections|authors|tags))"
    r"(?:-(?P<page>[2-9]|[1-9][0-9]{1,5}))?"
)


def file_name(base, page):
    return base if page == 1 else f"{base}-{page}"


def _archive_limit():
    return min(URLS_PER_FILE, ARCHIVE_URLS_PER_FILE)


def _pages(entries, limit=None):
    limit = limit or URLS_PER_FILE
    return range(1, -(-entries // limit) + 1)


def index_entries():
    """(file name, lastmod) for every file: the archives, then the months, newest first."""
    summary = catalogue.part("summary")
    files = []
    for archive in catalogue.ARCHIVES:
        entries, newest = summary[archive]
        files += [(file_name(archive, page), newest) for page in _pages(entries, _archive_limit())]
    for label, stories, lastmod in summary["months"]:
        files += [(file_name(f"stories-{label}", page), lastmod) for page in _pages(stories)]
    return files


def file_entries(name):
    """(path, lastmod) for each address in the file ``name``; empty when there is no
    such file (a name we never give out, a page past the end, an empty month)."""
    match = FILE_NAME.fullmatch(name)
    if match is None:
        return []
    page = int(match["page"] or 1)
    if match["archive"]:
        return catalogue.part(match["archive"])[_slice(page, _archive_limit())]
    return month_entries(int(match["year"]), int(match["month"]), page)


def _slice(page, limit):
    return slice((page - 1) * limit, page * limit)


def month_entries(year, month, page=1):
    """The public stories first published in ``year``-``month`` (UTC), page ``page``,
    in publication order: one range scan of the published index."""
    try:
        start = datetime(year, month, 1, tzinfo=UTC)
        end = datetime(year + month // 12, month % 12 + 1, 1, tzinfo=UTC)
    except ValueError:  # month 13, year 0, the month after December 9999
        return []
    rows = (
        Article.objects.published()
        .filter(publish_at__gte=start, publish_at__lt=end)
        .order_by("publish_at", "slug")
        .values_list("slug", UTCText("updated_at", "w3c"))
    )
    path = catalogue.path_for("articles:story")
    return [(path(slug), lastmod) for slug, lastmod in rows[_slice(page, URLS_PER_FILE)]]
