"""manage.py fetch_wordpress_media EXPORT.xml DIR: the pictures, from the old site."""

from django.core.management.base import BaseCommand, CommandError

from wordpress.fetch import fetch_media
from wordpress.parse import MalformedExport


class Command(BaseCommand):
    help = (
        "Copy an export's pictures from the old site into DIR (laid out like "
        "wp-content/uploads), for import_wordpress --media-dir DIR. Run it again to "
        "resume: files already there are not fetched again."
    )

    def add_arguments(self, parser):
        parser.add_argument("export")
        parser.add_argument("folder")
        parser.add_argument("--timeout", type=float, default=20, help="Seconds per file.")

    def handle(self, *args, **options):
        try:
            result = fetch_media(
                options["export"], options["folder"], options["timeout"], out=self.stdout.write
            )
        except (MalformedExport, OSError) as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"pictures: {result['fetched']} fetched, {result['present']} already there, "
            f"{len(result['failed'])} failed"
        )
        for url, reason in result["failed"]:
            self.stdout.write(f"  {url}: {reason}")
