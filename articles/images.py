"""Responsive renditions of library images, made with Pillow.

A rendition's path names its image, a key and its size, so a template can write
every URL without touching storage. The key changes when the file, the focal point,
the crops or the formats change, which lets browsers cache renditions forever.

Renditions are made off the request, by the task worker (``articles.tasks``): an
upload returns at once, and until a picture's renditions exist (``Image.renditions_key``
is the current key) pages show its stored original, at most STORED_MAX_EDGE pixels
on a side, in a box of the rendition's shape.
"""

import hashlib
import io
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from types import SimpleNamespace

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages
from PIL import Image as PILImage
from PIL import ImageOps, features

RENDITION_DIR = "renditions"
# Best first, as a <picture> lists its sources; AVIF where this Pillow can write it.
FORMATS = {"webp": ("WEBP", "image/webp"), "jpg": ("JPEG", "image/jpeg")}
if features.check("avif"):
    FORMATS = {"avif": ("AVIF", "image/avif"), **FORMATS}


@dataclass(frozen=True)
class Spec:
    ratio: tuple[int, int] | None  # width:height of a crop, or None to keep the shape
    widths: tuple[int, ...]
    fallback_width: int


SPECS = {
    "hero": Spec((3, 2), (480, 800, 1200, 1600), 800),
    "body": Spec(None, (480, 800, 1200), 800),
    "card": Spec((3, 2), (320, 480, 720), 480),
    "avatar": Spec((1, 1), (96, 192), 96),
}

RENDITION_PATH = re.compile(
    r"^renditions/(?P<pk>\d+)/(?P<key>[0-9a-f]{12})/(?P<spec>[a-z]+)-(?P<width>\d+)\.(?P<ext>avif|webp|jpg)$"
)


# The specs' shapes and the formats, part of every rendition's name: a changed crop or a
# new format gets new addresses (they are cached for a year), and pictures wait for
# the worker to make them instead of linking files that do not exist.
_SHAPES = ",".join(f"{name}:{spec.ratio}" for name, spec in sorted(SPECS.items()))
_SHAPES += "|" + ",".join(FORMATS)


@lru_cache(maxsize=4096)
def _key(file_name, focal_x, focal_y):
    source = f"{file_name}|{focal_x:.4f}|{focal_y:.4f}|{_SHAPES}"
    return hashlib.sha256(source.encode()).hexdigest()[:12]


def media_prefixes():
    """The address prefixes of our own media: MEDIA_URL, and the storage's own when
    media is elsewhere (a bucket, a CDN). Stories may show pictures from these only."""
    return _media_prefixes(settings.MEDIA_URL, storages["default"])


@lru_cache(maxsize=8)
def _media_prefixes(media_url, storage):
    probe = "images/x.jpg"
    own = storage.url(probe).removesuffix(probe)
    return (media_url,) if own == media_url else (media_url, own)


def rendition_key(image):
    """Names a picture's renditions by what they are made from: the file, the focal
    point and the specs' shapes."""
    return _key(image.file.name, image.focal_x, image.focal_y)


def widths_for(image, spec_name):
    """The spec's widths that do not upscale the original (at least one)."""
    spec = SPECS[spec_name]
    usable = [w for w in spec.widths if w <= image.width]
    return usable or [min(spec.widths[0], max(image.width, 1))]


def size_for(image, spec_name, width):
    spec = SPECS[spec_name]
    if spec.ratio:
        return width, round(width * spec.ratio[1] / spec.ratio[0])
    return width, max(1, round(width * image.height / max(image.width, 1)))


def rendition_name(image, spec_name, width, ext):
    return f"{RENDITION_DIR}/{image.pk}/{rendition_key(image)}/{spec_name}-{width}.{ext}"


def rendition_url(image, spec_name, width, ext):
    return default_storage.url(rendition_name(image, spec_name, width, ext))


def renditions_ready(image):
    """Whether the worker has made this picture's renditions as it is now."""
    return bool(image.renditions_key) and image.renditions_key == rendition_key(image)


def preview_url(image, spec_name, width):
    """A JPEG rendition's address for the admin, or the original's until it exists."""
    if renditions_ready(image):
        return rendition_url(image, spec_name, width, "jpg")
    return image.file.url


def picture_data(image, spec_name):
    """Everything a <picture> needs, computed without I/O (and once per picture and
    use in each process: the same picture is on many pages)."""
    return _picture_data(
        image.pk, image.file.name, image.focal_x, image.focal_y, image.width,
        image.height, image.alt, spec_name, renditions_ready(image), storages["default"],
    )  # fmt: skip


@lru_cache(maxsize=4096)
def _picture_data(pk, file_name, focal_x, focal_y, width, height, alt, spec_name, ready, storage):
    image = SimpleNamespace(pk=pk, width=width, height=height)
    widths = widths_for(image, spec_name)
    spec = SPECS[spec_name]
    fallback = min(widths, key=lambda w: abs(w - spec.fallback_width))
    fallback_width, fallback_height = size_for(image, spec_name, fallback)
    data = {"width": fallback_width, "height": fallback_height, "alt": alt, "pending": not ready}
    if not ready:  # the original, in a box of the rendition's shape
        return {**data, "srcsets": {}, "jpg_srcset": "", "src": storage.url(file_name)}
    folder = storage.url(f"{RENDITION_DIR}/{pk}/{_key(file_name, focal_x, focal_y)}/")

    def srcset(ext):
        return ", ".join(f"{folder}{spec_name}-{w}.{ext} {w}w" for w in widths)

    return {
        **data,
        # <source> elements, best format first; JPEG is the <img> itself.
        "srcsets": {FORMATS[ext][1]: srcset(ext) for ext in FORMATS if ext != "jpg"},
        "jpg_srcset": srcset("jpg"),
        "src": f"{folder}{spec_name}-{fallback}.jpg",
    }


def _crop_box(src_w, src_h, ratio, focal_x, focal_y):
    target = ratio[0] / ratio[1]
    if src_w / src_h > target:
        crop_w, crop_h = round(src_h * target), src_h
    else:
        crop_w, crop_h = src_w, round(src_w / target)
    left = min(max(round(focal_x * src_w - crop_w / 2), 0), src_w - crop_w)
    top = min(max(round(focal_y * src_h - crop_h / 2), 0), src_h - crop_h)
    return left, top, left + crop_w, top + crop_h


def render(image, spec_name, width, ext):
    """Encode one rendition: upright, cropped about the focal point, no metadata."""
    spec = SPECS[spec_name]
    with image.file.open("rb") as handle, PILImage.open(handle) as original:
        _draft(original, _rendition_scale(original.size, spec, width, image))
        picture = ImageOps.exif_transpose(original)
        picture = picture.convert("RGB")
        if spec.ratio:
            picture = picture.crop(
                _crop_box(*picture.size, spec.ratio, image.focal_x, image.focal_y)
            )
        picture = picture.resize(size_for(image, spec_name, width), PILImage.Resampling.LANCZOS)
    out = io.BytesIO()
    fmt = FORMATS[ext][0]
    if fmt == "AVIF":
        # Quality 50 keeps about the JPEG fallback's fidelity (PSNR); speed 8 encodes in
        # a quarter of speed 6's time for files a few per cent larger.
        picture.save(out, fmt, quality=50, speed=8)
    elif fmt == "WEBP":
        picture.save(out, fmt, quality=78, method=4)
    else:
        picture.save(out, fmt, quality=80, optimize=True, progressive=True)
    return out.getvalue()


def _rendition_scale(size, spec, width, image):
    """The share of the original's size a rendition needs (to decode a JPEG smaller)."""
    if spec.ratio:
        left, _, right, _ = _crop_box(*size, spec.ratio, image.focal_x, image.focal_y)
        return width / max(right - left, 1)
    return width / max(size[0], 1)


def ensure_rendition(image, spec_name, width, ext):
    """Make the rendition if it is missing; return its storage name."""
    name = rendition_name(image, spec_name, width, ext)
    if not default_storage.exists(name):
        data = render(image, spec_name, width, ext)
        if not default_storage.exists(name):
            default_storage.save(name, ContentFile(data))
    return name


def make_renditions(image, spec_names=None):
    """Make every rendition of an image (the task worker's work; see ``articles.tasks``)."""
    names = []
    for spec_name in spec_names or SPECS:
        for width in widths_for(image, spec_name):
            for ext in FORMATS:
                names.append(ensure_rendition(image, spec_name, width, ext))
    return names


def parse_rendition_path(path):
    """Split a rendition path into (pk, key, spec, width, ext), or None if it is not one
    we would ever make (an unknown spec or width is refused, so nobody can ask the
    server to render arbitrary sizes)."""
    match = RENDITION_PATH.match(path)
    if not match or match["spec"] not in SPECS:
        return None
    width = int(match["width"])
    return int(match["pk"]), match["key"], match["spec"], width, match["ext"]


# JPEGs can be decoded at a fraction of their size (``_draft``); other formats cannot.
SCALED_DECODE_FORMATS = {"JPEG", "MPO"}


def _draft(picture, scale):
    """Let a JPEG decode at the smallest of 1/8, 1/4, 1/2 or full scale that is still at
    least ``scale`` of its size (other formats decode in full)."""
    if picture.format in SCALED_DECODE_FORMATS and scale < 1:
        size = (max(1, math.ceil(side * scale)) for side in picture.size)
        picture.draft(picture.mode, tuple(size))
