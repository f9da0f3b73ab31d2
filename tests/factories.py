"""Small builders for test data: each makes a valid object and takes overrides."""

import io
import itertools
from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image as PILImage

from articles import editorial, images
from articles.models import Article, Author, Category, Image
from comments import decisions
from comments.models import Comment

_sequence = itertools.count(1)


def jpeg_bytes(width=1000, height=600, color=(200, 120, 60), exif=None):
    out = io.BytesIO()
    kwargs = {"exif": exif} if exif is not None else {}
    PILImage.new("RGB", (width, height), color).save(out, "JPEG", **kwargs)
    return out.getvalue()


def make_image(width=1000, height=600, ready=True, **fields):
    n = next(_sequence)
    fields.setdefault("title", f"Picture {n}")
    fields.setdefault("alt", f"A test picture number {n}")
    fields.setdefault("file", ContentFile(jpeg_bytes(width, height), name="test.jpg"))
    image = Image.objects.create(**fields)
    if ready:
        # As if the task worker had run: pages link the renditions, and the media
        # route has the worker make any that is missing (tests/test_media.py).
        image.renditions_key = images.rendition_key(image)
        image.save(update_fields=["renditions_key"])
    return image


def make_category(**fields):
    n = next(_sequence)
    fields.setdefault("name", f"Section {n}")
    fields.setdefault("slug", f"section-{n}")
    return Category.objects.create(**fields)


def make_author(**fields):
    n = next(_sequence)
    fields.setdefault("name", f"Writer {n}")
    fields.setdefault("slug", f"writer-{n}")
    fields.setdefault("bio", "Writes about dogs.")
    fields.setdefault("website", f"https://writer{n}.example.org/")
    return Author.objects.create(**fields)


def make_article(tags=(), **fields):
    n = next(_sequence)
    fields.setdefault("title", f"Story number {n}")
    fields.setdefault("slug", f"story-{n}")
    fields.setdefault("dek", f"The standfirst of story {n}.")
    fields.setdefault("body", f"<h2>Part one</h2><p>Body of story {n}.</p>")
    fields.setdefault("status", Article.Status.PUBLISHED)
    if fields["status"] == Article.Status.PUBLISHED:
        fields.setdefault("publish_at", timezone.now() - timedelta(hours=n))
    if "author" not in fields:
        fields["author"] = make_author()
    if "category" not in fields:
        fields["category"] = make_category()
    article = Article.objects.create(**fields)
    if tags:
        article.tags.set(list(tags))
    editorial.story_saved(article)  # as every path that saves a story does
    return article


def make_comment(article=None, **fields):
    """An approved comment on ``article`` (a new story if none is given)."""
    fields.setdefault("name", "Sam Walker")
    fields.setdefault("email", "sam@example.com")
    fields.setdefault("body", "A comment.")
    fields.setdefault("status", Comment.Status.APPROVED)
    comment = Comment.objects.create(article=article or make_article(), **fields)
    decisions.posted(comment)  # as posting it through the form does
    return comment
