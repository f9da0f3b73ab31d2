"""One import, start to end: a first pass that proves the file whole (nothing is
written if it is not), the pictures, then the posts and pages in batches as the file
streams past a second time, then the derived data and the old addresses."""

import time
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.db import transaction
from django.utils import timezone

from . import aftersave
from .bodies import BodyMaker
from .discussion import Discussion
from .filing import Filing
from .media import import_pictures
from .models import WordPressItem
from .parse import MalformedExport, Reader
from .posts import Writer
from .redirects import Addresses
from .report import Report
from .survey import survey


@dataclass
class Context:
    survey: object
    report: Report
    filing: Filing
    library: object
    bodies: BodyMaker
    discussion: Discussion
    addresses: Addresses = field(default_factory=Addresses)
    pictures: dict = field(default_factory=dict)
    site_name: str = ""
    now: object = None


class Progress:
    """Calls ``out(phase, done_bytes, total_bytes, items, items_per_second)`` at most
    once every ``every`` seconds (and at each phase's end)."""

    def __init__(self, out, every=1.0):
        self.out, self.every = out, every
        self.phase, self.started, self.last = "", 0.0, 0.0

    def __call__(self, phase, position, size, items, force=False):
        now = time.monotonic()
        if phase != self.phase:
            self.phase, self.started, self.last = phase, now, 0.0
        if self.out and (force or now - self.last >= self.every):
            self.last = now
            rate = items / (now - self.started) if now > self.started else 0.0
            self.out(phase, position, size, items, rate)


def run_import(path, media_dirs=(), dry_run=False, out=None):
    """Import the export at ``path``; returns the report (a dict). Raises
    ``parse.MalformedExport`` for a file that is not whole, before writing anything."""
    progress, report = Progress(out), Report()
    found = survey(path, lambda pos, size, items: progress("reading", pos, size, items))
    progress("reading", found.size, found.size, found.items, force=True)
    site = _same_site(found)
    if dry_run:
        with transaction.atomic():
            _write(path, found, media_dirs, report, progress, dry_run=True)
            transaction.set_rollback(True)
        report.notes.append("Dry run: nothing was written.")
    else:
        if site:
            WordPressItem.objects.get_or_create(
                kind=WordPressItem.Kind.SITE, key=site[:200], defaults={"object_id": 0}
            )
        _write(path, found, media_dirs, report, progress)
    return report.as_dict()


def _same_site(found):
    """The export's site; refused whole if the magazine holds another site's import
    (WordPress ids are per site: its post 12 would overwrite the other's post 12)."""
    site = found.site_address()
    before = WordPressItem.objects.filter(kind=WordPressItem.Kind.SITE).exclude(key=site[:200])
    other = before.values_list("key", flat=True).first() if site else None
    if other:
        raise MalformedExport(
            f"This export is of {site}, and this magazine already holds the import of "
            f"{other}. Items of two WordPress sites share ids, so one would overwrite the "
            "other: import one site per magazine. Nothing was imported."
        )
    return site


def _write(path, found, media_dirs, report, progress, dry_run=False):
    import_pictures(found.library, media_dirs, report, dry_run=dry_run)
    unknown = Counter()
    ctx = Context(
        survey=found,
        report=report,
        filing=Filing(found, report),
        library=found.library,
        bodies=BodyMaker(found.library, found.site_hosts(), unknown),
        discussion=Discussion(found, report),
        pictures=found.library.pictures_by_path(),
        site_name=found.channel.get("title", ""),
        now=timezone.now(),
    )
    ctx.filing.declared_tags()
    writer, reader, items = Writer(ctx), Reader(path), 0
    for event in reader:
        if event[0] == "item":
            items += 1
            writer.add(event[1])
            if not writer.batch:
                ctx.addresses.write()
            progress("importing", reader.position, reader.size, items)
    writer.flush()
    progress("importing", reader.size, reader.size, items, force=True)
    with transaction.atomic():
        _archives(ctx)
        ctx.addresses.write()
    progress("search index, comment counts, related stories", 0, 0, 0, force=True)
    with transaction.atomic():
        aftersave.finish(writer.story_ids)
    report.shortcodes.update(unknown)
    for url in sorted(ctx.bodies.missing):
        report.missing_picture(url)


def _archives(ctx):
    """Category, tag and author archives and uploaded files at their WordPress paths."""
    known, filing = ctx.filing.known, ctx.filing
    for nicename in ctx.survey.categories:
        trail = "/".join([*reversed(filing.ancestors(nicename)), nicename])
        for kind in ("section", "tag"):
            if (kind, nicename) in known:
                ctx.addresses.archive(f"/category/{trail}", kind, nicename)
                break
    for slug in ctx.survey.tags:
        if ("tag", slug) in known:
            ctx.addresses.archive(f"/tag/{slug}", "tag", slug)
    for attachment in ctx.library.attachments.values():
        if attachment.image is not None:
            path = urlsplit(attachment.url).path
            ctx.addresses.archive(path, "attachment", attachment.wp_id)
    for login in ctx.survey.authors:
        if ("author", login) in known:
            ctx.addresses.archive(f"/author/{login}", "author", login)
