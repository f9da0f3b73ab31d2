"""manage.py remake_html: every stored story body and comment made again by today's
sanitizer and comment renderer (after the allowlist or the renderer changes)."""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.translation import ngettext

from tools import remake


class Command(BaseCommand):
    help = "Make every stored story body and comment again with today's sanitizer."

    def handle(self, *args, **options):
        with transaction.atomic():
            stories = remake.remake_stories()
            comments = remake.remake_comments()
        bodies = ngettext("%d story body", "%d story bodies", stories) % stories
        cards = ngettext("%d comment", "%d comments", comments) % comments
        self.stdout.write(f"Made again: {bodies}, {cards}.")
