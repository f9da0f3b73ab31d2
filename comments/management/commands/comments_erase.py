from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import ngettext

from comments.privacy import comments_by, erase_personal_data


class Command(BaseCommand):
    help = (
        "Erase every comment and all personal data stored for an email address. Comments "
        "that others replied to are kept as anonymous tombstones so the replies survive."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--yes", action="store_true", help="Really erase; without it, count.")

    def handle(self, *args, email, yes=False, **options):
        try:
            count = comments_by(email).count()
        except ValueError as error:
            raise CommandError(error) from None
        if not yes:
            raise CommandError(
                ngettext("%d comment", "%d comments", count) % count
                + f" by {email} would be erased. Run again with --yes to erase them."
            )
        erased = erase_personal_data(email)
        self.stdout.write(ngettext("Erased %d comment", "Erased %d comments", erased) % erased
                          + f" by {email}.")  # fmt: skip
