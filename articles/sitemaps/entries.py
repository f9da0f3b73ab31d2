"""What each sitemap file lists, and the files the index points at.

File names: ``stories-1``, ``stories-2``... (the public stories in publication order,
``catalogue.URLS_PER_FILE`` a file, the oldest first, so a new story changes only the
last file), and ``sections``, ``authors``, ``tags``, whose second and later files add
``-2``, ``-3``...
"""

import re

from django.db.models import Q

from ..models import Article
from . import catalogue
from .dates import UTCText

FILE_NAME = re.compile(
    r"stories-(?P<number>[1-9][0-9]{0,6})"
    r"|(?P<archive>sections|authors|tags)(?:-(?P<page>[2-9]|[1-9][0-9]{1,5}))?"
)


def file_name(base, page):
    return base if page == 1 else f"{base}-{page}"


def index_entries():
    """(file name, lastmod) for every file: the archives, then the stories, newest first."""
    summary = catalogue.part("summary")
    limit, files = catalogue.URLS_PER_FILE, []
    for archive in catalogue.ARCHIVES:
        entries, newest = summary[archive]
        pages = range(1, -(-entries // limit) + 1)
        files += [(file_name(archive, page), newest) for page in pages]
    stories = summary["stories"]
    files += [
        (f"stories-{number}", stories[number - 1][3]) for number in range(len(stories), 0, -1)
    ]
    return files


def file_entries(name):
    """(path, lastmod) for each address in the file ``name``; empty when there is no
    such file (a name we never give out, a number past the end)."""
    match = FILE_NAME.fullmatch(name)
    if match is None:
        return []
    if match["archive"]:
        page, limit = int(match["page"] or 1), catalogue.URLS_PER_FILE
        return catalogue.part(match["archive"])[(page - 1) * limit : page * limit]
    return story_entries(int(match["number"]))


def story_entries(number):
    """The public stories of file ``number``, in publication order: from where the
    catalogue says it starts, one read of ``URLS_PER_FILE`` entries of the published
    index, however many stories there are (with the cache down, the entries before
    the file are stepped over instead)."""
    limit, files = catalogue.URLS_PER_FILE, catalogue.story_files()
    stories = Article.objects.published().order_by("publish_at", "slug")
    if files is None:
        chosen = slice((number - 1) * limit, number * limit)
    elif number > len(files):
        return []
    else:
        at, slug, _, _ = files[number - 1]
        after = Q(publish_at__gt=at) | Q(publish_at=at, slug__gte=slug)
        stories, chosen = stories.filter(after, publish_at__gte=at), slice(limit)
    rows = stories.values_list("slug", UTCText("updated_at", "w3c"))[chosen]
    path = catalogue.path_for("articles:story")
    return [(path(slug), lastmod) for slug, lastmod in rows]
