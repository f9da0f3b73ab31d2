"""A note for editors when a picture's shape will be cropped: heroes and cards are 3:2
around the focal point (``images.SPECS``), so a tall or square picture loses part of
itself. The note shows the picture with the part that stays outlined."""

from django.utils.html import format_html

from .. import images
from ..images import _crop_box  # the renditions' own arithmetic, so the note cannot differ

# Shapes this close to the crop's are cut by a few pixels only: no note.
TOLERANCE = 0.04


def _shape(width, height):
    ratio = width / height
    if ratio < 0.95:
        return "tall"
    return "square" if ratio <= 1.05 else "wide"


def crop_note(image, spec_name="hero", use="a story's hero"):
    """HTML of the note for ``image`` used as ``use`` (cropped by ``spec_name``), or
    "" when its shape is (nearly) the crop's."""
    ratio = images.SPECS[spec_name].ratio
    if image is None or not image.width or not image.height or ratio is None:
        return ""
    target = ratio[0] / ratio[1]
    if abs(image.width / image.height - target) / target <= TOLERANCE:
        return ""
    left, top, right, bottom = _crop_box(
        image.width, image.height, ratio, image.focal_x, image.focal_y
    )
    kept = round(100 * (right - left) * (bottom - top) / (image.width * image.height))
    width = images.widths_for(image, "body")[0]
    shown_width = 160 if image.width >= image.height else round(160 * image.width / image.height)
    return format_html(
        '<div class="crop-note" role="note"><p class="help"><strong>This picture will be '
        "cropped.</strong> It is {} ({} × {} pixels); {} shows it at {}:{} around its focal "
        "point, keeping the outlined {}%. To keep another part, move the focal point in the "
        'picture library.</p><div class="crop-note__frame" style="width:{}px">'
        '<img src="{}" alt="" width="{}" height="{}">'
        '<span class="crop-note__kept" style="left:{}%;top:{}%;width:{}%;height:{}%">'
        "</span></div></div>",
        _shape(image.width, image.height),
        image.width,
        image.height,
        use,
        ratio[0],
        ratio[1],
        kept,
        shown_width,
        images.preview_url(image, "body", width),
        shown_width,
        round(shown_width * image.height / image.width),
        round(100 * left / image.width, 2),
        round(100 * top / image.height, 2),
        round(100 * (right - left) / image.width, 2),
        round(100 * (bottom - top) / image.height, 2),
    )
