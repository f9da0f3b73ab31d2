"""Small builders for test data: each makes a valid object and takes overrides."""

import io
import itertools
from datetime import timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image as PILImage

from articles import editorial, images
from articles.models import Article, Author, Category, Image
from articles.search import index
from comments import decisions
from comments.models import Comment
from wordpress.importer import run_import

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
        # route has the worker make any that is missing (tests/articles/test_media.py).
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


# Users in each newsroom role, and the story form as the admin posts it


def make_user(username, group=None, **fields):
    user = get_user_model().objects.create_user(
        username, f"{username}@example.com", "a-long-test-password", is_staff=True, **fields
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def story_form(article=None, **overrides):
    """The fields the story change form posts, filled from ``article`` or defaults."""
    data = {
        "title": "A new story",
        "slug": "a-new-story",
        "dek": "A standfirst.",
        "body": "<p>Body text.</p>",
        "hero_image": "",
        "author": "",
        "category": "",
        "tags": "dogs",
        "status": "draft",
        "publish_at_0": "",
        "publish_at_1": "",
        "comments_open": "on",
        "seo_title": "",
        "seo_description": "",
        "social_image": "",
        "pinned_relations-TOTAL_FORMS": "0",
        "pinned_relations-INITIAL_FORMS": "0",
    }
    if article is not None:
        data.update(
            title=article.title,
            slug=article.slug,
            dek=article.dek,
            body=article.body,
            hero_image=article.hero_image_id or "",
            author=article.author_id,
            category=article.category_id,
            tags=", ".join(tag.name for tag in article.tags.all()),
            status=article.status,
            comments_open="on" if article.comments_open else "",
        )
        if article.publish_at:
            data["publish_at_0"] = article.publish_at.strftime("%d/%m/%Y")
            data["publish_at_1"] = article.publish_at.strftime("%H:%M:%S")
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def new_story(filing, **overrides):
    fields = {
        "author": filing["author"].pk,
        "category": filing["category"].pk,
        "hero_image": filing["hero"].pk,
    }
    return story_form(**{**fields, **overrides})


def indexed(**fields):
    """A story (see make_article), indexed with its tags as an editor's save leaves it."""
    article = make_article(**fields)
    index.update([article.pk])
    return article


# The small WordPress export the importer's tests use, and a folder of its uploads

FIXTURE = Path(__file__).parent / "wordpress" / "magazine.xml"


def uploads(folder):
    """A copy of wp-content/uploads holding rex.jpg (and not lost.jpg)."""
    path = Path(folder) / "uploads" / "2024" / "05"
    path.mkdir(parents=True, exist_ok=True)
    PILImage.new("RGB", (640, 400), (200, 120, 40)).save(path / "rex.jpg", "JPEG")
    return Path(folder) / "uploads"


def export(tmp_path, text=None, name="export.xml", **replace):
    """The fixture, with each ``old=new`` of ``replace`` applied, written to a file."""
    text = text if text is not None else FIXTURE.read_text()
    for old, new in replace.items():
        text = text.replace(old, new)
    path = tmp_path / name
    path.write_text(text)
    return path


def import_fixture(tmp_path, **kwargs):
    return run_import(FIXTURE, [uploads(tmp_path)], **kwargs)
