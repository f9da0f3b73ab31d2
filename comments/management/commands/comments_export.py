import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import ngettext

from comments.privacy import export_personal_data


class Command(BaseCommand):
    help = "Export, as JSON, every comment and all personal data stored for an email address."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--output", "-o", help="Write to this file instead of stdout.")

    def handle(self, *args, email, output=None, **options):
        try:
            data = export_personal_data(email)
        except ValueError as error:
            raise CommandError(error) from None
        text = json.dumps(data, indent=2, ensure_ascii=False)
        if output:
            Path(output).write_text(text + "\n", encoding="utf-8")
            count = len(data["comments"])
            wrote = ngettext("Wrote %d comment", "Wrote %d comments", count) % count
            self.stderr.write(f"{wrote} by {email} to {output}.")
        else:
            self.stdout.write(text)
