"""manage.py import_wordpress EXPORT.xml [--media-dir DIR] [--dry-run]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from wordpress.importer import run_import
from wordpress.parse import MalformedExport
from wordpress.report import lines


class Command(BaseCommand):
    help = (
        "Import a WordPress export (WXR: Tools → Export → All content): authors, "
        "categories, tags, posts, pages, pictures and comments. Run it again with a newer "
        "export to bring in what changed; nothing is duplicated."
    )

    def add_arguments(self, parser):
        parser.add_argument("export", help="The .xml file WordPress exported.")
        parser.add_argument(
            "--media-dir",
            action="append",
            default=[],
            help="A copy of wp-content/uploads (may be given more than once).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Read and map everything; write nothing."
        )

    def handle(self, *args, **options):
        export = Path(options["export"])
        if not export.is_file():
            raise CommandError(f"No file at {export}.")
        for folder in options["media_dir"]:
            if not Path(folder).is_dir():
                raise CommandError(f"--media-dir {folder} is not a folder.")
        try:
            report = run_import(
                export, options["media_dir"], dry_run=options["dry_run"], out=self._progress
            )
        except MalformedExport as error:
            raise CommandError(str(error)) from None
        for line in lines(report):
            self.stdout.write(line)

    def _progress(self, phase, position, size, items, rate):
        where = f"{100 * position / size:3.0f}% of {size / 1e6:.1f} MB, " if size else ""
        counted = f"{items:,} items, {rate:,.0f} items/s" if items else ""
        self.stdout.write(f"{phase}: {where}{counted}".rstrip(", "))
        self.stdout.flush()
