from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import ngettext

from comments.privacy import clear_old_ip_addresses


class Command(BaseCommand):
    help = "Forget the IP address and browser of comments older than the retention period."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Keep this many days (default: COMMENT_IP_RETENTION_DAYS).",
        )

    def handle(self, *args, days=None, **options):
        if days is None:
            days = settings.COMMENT_IP_RETENTION_DAYS
        if days < 0:
            raise CommandError("--days cannot be negative.")
        cleared = clear_old_ip_addresses(days)
        comments = ngettext("%d comment", "%d comments", cleared) % cleared
        older = ngettext("%d day", "%d days", days) % days
        self.stdout.write(f"Cleared the IP address of {comments} older than {older}.")
