"""The picture library: one upload, reused by any number of stories and authors."""

import uuid
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from ..sanitize import picture_paths
from ..uploads import check_upload, normalize_upload


def image_upload_to(instance, filename):
    """Random names: an uploaded file's name says nothing about who sent it."""
    suffix = PurePath(filename).suffix.lower() or ".jpg"
    return f"images/{uuid.uuid4().hex}{suffix}"


class Image(models.Model):
    """One picture in the library, reused by any number of stories and authors."""

    file = models.ImageField(upload_to=image_upload_to, width_field="width", height_field="height")
    width = models.PositiveIntegerField(editable=False, default=0)
    height = models.PositiveIntegerField(editable=False, default=0)
    title = models.CharField(max_length=200)
    alt = models.CharField(
        "alt text",
        max_length=250,
        help_text="What the picture shows, for readers who cannot see it.",
    )
    caption = models.CharField(max_length=300, blank=True)
    credit = models.CharField(max_length=200, blank=True)
    focal_x = models.FloatField(
        default=0.5, help_text="Horizontal focus for crops, from 0 (left) to 1 (right)."
    )
    focal_y = models.FloatField(
        default=0.5, help_text="Vertical focus for crops, from 0 (top) to 1 (bottom)."
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    # ``images.rendition_key`` of the renditions the worker has made: pages link them
    # only when it is the picture's current key (``images.renditions_ready``).
    renditions_key = models.CharField(max_length=12, blank=True, default="", editable=False)

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = "picture"
        constraints = [
            models.CheckConstraint(
                condition=Q(focal_x__gte=0, focal_x__lte=1, focal_y__gte=0, focal_y__lte=1),
                name="image_focal_point_in_frame",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # However a picture arrives (admin, demo loader, shell), what is stored is
        # upright and carries no metadata, and width/height describe it as shown.
        if self.file and not self.file._committed:
            self.file = normalize_upload(self.file)
        super().save(*args, **kwargs)

    def clean(self):
        """A new file must be a photo we can safely use (``uploads.check_upload``): every
        form for the library, and ``full_clean()``, refuse any other with a message."""
        if self.file and not self.file._committed:
            try:
                check_upload(self.file)
            except ValueError as error:
                raise ValidationError({"file": str(error)}) from error


def library_pictures(html):
    """The library pictures a story body shows, by file path, fetched in one query."""
    paths = picture_paths(html)
    if not paths:
        return {}
    pictures = {}
    for image in Image.objects.filter(file__in=paths):
        pictures.setdefault(image.file.name, image)  # the newest, should two share a file
    return pictures
