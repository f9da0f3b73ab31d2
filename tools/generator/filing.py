"""What stories are filed under and illustrated with: sections, authors, tags and a
handful of library pictures. Few rows, so the ORM writes them; any that already
exist (by slug) are used as they are."""

import io
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.utils.text import slugify
from taggit.models import Tag

from articles.demo.scenes import draw_scene
from articles.models import Author, Category, Image
from articles.sanitize import sanitize_body

from . import shape
from .text import vocabulary

PICTURE_SIZE = (960, 600)
CAPTION_MARK = "CAPTIONGOESHERE"


def _by_slug(model, items):
    """The ids of ``items`` ({slug: fields}) in order, creating the missing rows."""
    existing = dict(model.objects.filter(slug__in=list(items)).values_list("slug", "pk"))
    model.objects.bulk_create(
        model(slug=slug, **fields) for slug, fields in items.items() if slug not in existing
    )
    ids = dict(model.objects.filter(slug__in=list(items)).values_list("slug", "pk"))
    return [ids[slug] for slug in items]


def sections():
    """The vocabulary's sections; one that exists by name is used as it is."""
    wanted = dict(vocabulary()["sections"])
    existing = dict(Category.objects.filter(name__in=list(wanted)).values_list("name", "pk"))
    Category.objects.bulk_create(
        Category(name=name, slug=slugify(name), description=description)
        for name, description in wanted.items()
        if name not in existing
    )
    ids = dict(Category.objects.filter(name__in=list(wanted)).values_list("name", "pk"))
    return [ids[name] for name in wanted]


def authors(rng, count=shape.AUTHORS):
    words = vocabulary()
    names = [f"{first} {last}" for first in words["first_names"] for last in words["last_names"]]
    items = {}
    for name in rng.sample(names, count):
        topics = " and ".join(rng.sample(words["tags"][:40], 2))
        items[slugify(name)] = {"name": name, "bio": f"Writes about {topics}."}
    return _by_slug(Author, items)


def tags(names):
    return _by_slug(Tag, {slugify(name): {"name": name} for name in names})


@dataclass(frozen=True)
class Figure:
    """A library picture in a story body: as an editor writes it and as the sanitizer
    returns it (made once per picture; the caption is the only part that varies)."""

    image_id: int
    written: str
    cleaned: str

    def raw(self, caption):
        return self.written.replace(CAPTION_MARK, caption)

    def clean(self, caption):
        return self.cleaned.replace(CAPTION_MARK, caption)


def pictures(count):
    """``count`` drawn pictures in the library, each with its ``Figure``."""
    motifs = vocabulary()["pictures"]["motifs"]
    palettes = vocabulary()["pictures"]["palettes"]
    figures = []
    for n in range(count):
        motif = list(motifs)[n % len(motifs)]
        palette = tuple(palettes[(n + n // len(motifs)) % len(palettes)])
        out = io.BytesIO()
        draw_scene(motif, palette, PICTURE_SIZE, seed=n).save(out, "JPEG", quality=85)
        image = Image.objects.create(
            title=f"Generated picture {n + 1}",
            alt=motifs[motif],
            credit="Doggy Diary",
            file=ContentFile(out.getvalue(), name="generated.jpg"),
        )
        written = (
            f'<figure><img src="{image.file.url}" alt="{image.alt}">'
            f"<figcaption>{CAPTION_MARK}</figcaption></figure>"
        )
        cleaned = sanitize_body(written, pictures={image.file.name: image})
        figures.append(Figure(image.pk, written, cleaned))
    return figures
