"""Pictures from our own library: an <img> of one becomes a responsive <picture>, and
any other <img> goes, so that no story makes a reader's browser call another host."""

from ..images import media_prefixes, picture_data
from .tree import Element

BODY_IMAGE_SIZES = "(min-width: 46rem) 42rem, 100vw"


def library_picture(img, pictures):
    """The <picture> for an <img> of a library picture, or None if ``pictures`` (a
    mapping from a library file's path, its src after MEDIA_URL, to its Image) does not
    have it. It gets the library's alt text (unless the editor wrote one), dimensions
    and srcset."""
    src = img.get("src")
    prefix = next((p for p in media_prefixes() if src.startswith(p)), None)
    image = pictures.get(src[len(prefix) :]) if prefix else None
    if image is None:
        return None
    return picture_of(image, img.get("alt") or image.alt)


def picture_of(image, alt):
    """The responsive <picture> of a library picture, at the story body's sizes."""
    picture = picture_data(image, "body")
    sources = [
        Element("source", {"type": kind, "srcset": srcset, "sizes": BODY_IMAGE_SIZES})
        for kind, srcset in picture["srcsets"].items()
    ]
    srcset = {"srcset": picture["jpg_srcset"], "sizes": BODY_IMAGE_SIZES}
    shown = Element(
        "img",
        {
            "src": picture["src"],
            **(srcset if picture["jpg_srcset"] else {}),
            "width": str(picture["width"]),
            "height": str(picture["height"]),
            "alt": alt,
            "loading": "lazy",
            "decoding": "async",
        },
    )
    return Element("picture", children=[*sources, shown])


class AskedFor(dict):
    """A picture lookup that holds nothing and remembers every path it was asked for."""

    def get(self, path, default=None):
        self[path] = None
        return default
