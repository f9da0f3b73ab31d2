"""Work done off the request by the task worker (``manage.py db_worker``)."""

import logging

from django.db import transaction
from django.db.models import Q
from django_tasks import task

from doggydiary.caching import CACHE_ERRORS

from . import generations, images, stored
from .models import Article, Image, Page, SocialPost, described_posts, library_pictures
from .sanitize import sanitize_body

logger = logging.getLogger(__name__)


@task()
def make_renditions(image_pk, key):
    """Make a picture's renditions in storage, then let pages link them. Skipped if the
    picture changed since it was queued (the change queued its own task)."""
    image = Image.objects.filter(pk=image_pk).first()
    if image is None or images.rendition_key(image) != key:
        return 0
    names = images.make_renditions(image)
    mark_ready(image, key)
    return len(names)


def mark_ready(image, key):
    """Let pages link the renditions made with ``key``, if the picture is still as it
    was when they were made; refresh the pages and bodies that show it."""
    made = Image.objects.filter(
        pk=image.pk, file=image.file.name, focal_x=image.focal_x, focal_y=image.focal_y
    ).update(renditions_key=key)
    if made:
        image.renditions_key = key
        stored.forget_pictures([image.pk])  # stories showing it: made again with them
        refresh_bodies(Q(body__contains=image.file.name))
        for post_id in SocialPost.objects.filter(poster=image).values_list("post_id", flat=True):
            refresh_bodies(Q(body_html__contains=f'data-embed-id="{post_id}"'))  # its poster
        try:  # pages cached with the original now get the renditions
            generations.bump(generations.CONTENT)
        except CACHE_ERRORS:
            logger.warning("Renditions of picture %s made; the page cache was not told.", image.pk)


def queue_renditions(image):
    """Ask the worker for the picture's renditions once this transaction commits."""
    if images.renditions_ready(image):
        return
    key = images.rendition_key(image)
    transaction.on_commit(lambda: make_renditions.enqueue(image.pk, key))


def refresh_bodies(showing):
    """Story and page bodies are rendered when saved: give those that show a picture
    (``showing``, a filter) its renditions now (only ``body_html`` changes; no revision
    is made)."""
    for model in (Article, Page):
        for pk, body in model.objects.filter(showing).values_list("pk", "body"):
            html = sanitize_body(body, pictures=library_pictures(body), posts=described_posts(body))
            if model.objects.filter(pk=pk, body=body).update(body_html=html) and model is Article:
                stored.forget_stories([pk])
