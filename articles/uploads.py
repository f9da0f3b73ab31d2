"""Uploaded pictures: refused with a message unless they are photos we can safely use,
and stored upright, without metadata and bounded in size (``Image.clean`` and
``Image.save`` call these)."""

import io

from django.conf import settings
from django.core.files.base import ContentFile
from PIL import Image as PILImage
from PIL import ImageOps

from .images import SCALED_DECODE_FORMATS, _draft

# MPO is how Pillow reads many phone photos: a JPEG with a second, smaller frame.
ALLOWED_UPLOAD_FORMATS = {"JPEG", "MPO", "PNG", "WEBP", "GIF"}
# JPEGs decode at 1/2 to 1/8 scale (``draft``); the others only in full, so they get a
# lower pixel limit: a few kilobytes of PNG can hold 40 megapixels.
FULL_DECODE_MAX_MEGAPIXELS = 24
# The stored original's longest side: twice the widest rendition.
STORED_MAX_EDGE = 3200
NOT_A_PHOTO = (
    "This file is not a photo we can read. Upload a JPEG, PNG, WebP or GIF "
    "(SVG and other drawings are not accepted)."
)
INCOMPLETE = (
    "This photo's file is incomplete: it ends before the picture does (it may have been "
    "cut off while copying). Export or copy it again and upload it."
)
ANIMATED = (
    "Animated pictures cannot be used: stories show still pictures. Upload one frame "
    "as a JPEG or PNG, or put the clip on a video site and paste its address in the story."
)


def _pixel_limit(fmt):
    if fmt in SCALED_DECODE_FORMATS:
        return settings.IMAGE_MAX_MEGAPIXELS
    return min(settings.IMAGE_MAX_MEGAPIXELS, FULL_DECODE_MAX_MEGAPIXELS)


class UploadRefused(ValueError):
    """A picture refused for a reason we can name."""


def check_upload(uploaded):
    """Refuse what is not a photo we can safely use; return nothing or raise ValueError
    with a message for the person uploading.

    Sizes are read from the file's header before anything is decoded; then the picture
    is decoded once (a JPEG at 1/8 scale) to find a file that ends too soon.
    ``Image.clean`` runs this, so every form for the library does.
    """
    max_bytes = settings.IMAGE_MAX_UPLOAD_MB * 1024 * 1024
    if uploaded.size > max_bytes:
        raise ValueError(
            f"This file is {uploaded.size / 1024 / 1024:.1f} MB; the limit is "
            f"{settings.IMAGE_MAX_UPLOAD_MB} MB. Export a smaller JPEG and try again."
        )
    uploaded.seek(0)
    try:
        with PILImage.open(uploaded) as picture:
            _check_header(picture)
            _complete(picture)
    except UploadRefused:
        raise
    except (OSError, SyntaxError, ValueError, PILImage.DecompressionBombError) as error:
        truncated = isinstance(error, OSError) and "truncated" in str(error)
        raise ValueError(INCOMPLETE if truncated else NOT_A_PHOTO) from error
    finally:
        uploaded.seek(0)


def _complete(picture):
    """Read the whole file once: a JPEG decoded at 1/8 scale; a PNG's chunks and their
    checksums without decoding its pixels (a decode of 24 megapixels takes a second,
    and ``normalize_upload`` does it anyway); the others decoded."""
    if picture.format == "PNG":
        picture.verify()
        return
    _draft(picture, 1 / 8)
    picture.load()


def _check_header(picture):
    fmt, (width, height) = picture.format, picture.size
    if fmt not in ALLOWED_UPLOAD_FORMATS:
        raise UploadRefused(f"{fmt} files cannot be used. Upload a JPEG, PNG, WebP or GIF.")
    if fmt not in SCALED_DECODE_FORMATS and getattr(picture, "is_animated", False):
        raise UploadRefused(ANIMATED)
    megapixels, limit = width * height / 1_000_000, _pixel_limit(fmt)
    if megapixels > limit:
        as_jpeg = limit < settings.IMAGE_MAX_MEGAPIXELS
        advice = "Save it as a JPEG or resize it" if as_jpeg else "Resize it"
        raise UploadRefused(
            f"This picture is {width}×{height} ({megapixels:.1f} megapixels); the limit is "
            f"{limit} megapixels for a {'JPEG' if fmt == 'MPO' else fmt}. {advice} and try again."
        )


# The stored original is re-encoded in the upload's request: a PNG at zlib's fastest
# level (a 3200-pixel PNG takes 4 s at the default, 0.7 s so), since readers get
# renditions made from it.
SAVE_OPTIONS = {"JPEG": {"quality": 92}, "WEBP": {"quality": 92}, "PNG": {"compress_level": 1}}


def normalize_upload(uploaded, max_edge=STORED_MAX_EDGE):
    """Re-encode an uploaded picture upright, without metadata (EXIF, GPS) and at most
    ``max_edge`` pixels on its longest side (a JPEG decoded at the scale that needs)."""
    uploaded.seek(0)
    with PILImage.open(uploaded) as original:
        fmt = "JPEG" if original.format == "MPO" else original.format
        _draft(original, max_edge / max(original.size))
        # Smaller first, then upright (the bound is the same either way): a turn of
        # the full-size picture costs as much as the resize. Bicubic, not Lanczos: a
        # third of the time on 24 megapixels, and renditions are made with Lanczos.
        original.thumbnail((max_edge, max_edge), PILImage.Resampling.BICUBIC)
        picture = ImageOps.exif_transpose(original)
        if fmt not in {"JPEG", "PNG", "WEBP", "GIF"}:
            fmt = "JPEG"
        if fmt == "JPEG" and picture.mode not in {"RGB", "L"}:
            picture = picture.convert("RGB")
        out = io.BytesIO()
        picture.save(out, fmt, **SAVE_OPTIONS.get(fmt, {}))
    ext = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}[fmt]
    return ContentFile(out.getvalue(), name=f"upload.{ext}")
