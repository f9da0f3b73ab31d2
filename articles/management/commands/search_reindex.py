import time

from django.core.management.base import BaseCommand

from articles.search import index


class Command(BaseCommand):
    help = (
        "Index every story for search afresh: after loading stories in bulk, or if the "
        "index was ever left behind. Saving a story keeps its own entry fresh."
    )

    def handle(self, *args, **options):
        started = time.monotonic()
        index.rebuild()
        self.stdout.write(f"Search index rebuilt in {time.monotonic() - started:.1f} s.")
