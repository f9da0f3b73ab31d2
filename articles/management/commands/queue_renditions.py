"""manage.py queue_renditions: ask the task worker for every picture's renditions that
are not made as the picture is now (after an upgrade that adds a format or changes a
crop, or for pictures from before renditions were made off the request)."""

from django.core.management.base import BaseCommand

from articles import images, tasks
from articles.models import Image


class Command(BaseCommand):
    help = "Queue the renditions of every picture whose renditions are missing or out of date."

    def handle(self, **options):
        queued = 0
        for image in Image.objects.order_by("-pk").iterator():
            if not images.renditions_ready(image):
                tasks.make_renditions.enqueue(image.pk, images.rendition_key(image))
                queued += 1
        self.stdout.write(f"Queued the renditions of {queued} pictures for the task worker.")
