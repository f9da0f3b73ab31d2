"""Pictures from our own library: an <img> of one becomes a responsive <picture>, and
any other <img> goes, so that no story makes a reader's browser call another host."""

from bleach.html5lib_shim import Filter
from django.conf import settings

from ..images import picture_data

BODY_IMAGE_SIZES = "(min-width: 46rem) 42rem, 100vw"


class LibraryPictureFilter(Filter):
    """Keeps an <img> only if ``pictures`` (a mapping from a library file's path, its src
    after MEDIA_URL, to its Image) has it, and gives it the library's alt text (unless
    the editor wrote one), dimensions and srcset."""

    def __init__(self, source, pictures):
        super().__init__(source)
        self.pictures = pictures

    def __iter__(self):
        for token in super().__iter__():
            if token["type"] == "EmptyTag" and token["name"] == "img":
                yield from self._picture(token["data"])
            else:
                yield token

    def _picture(self, attrs):
        src, prefix = attrs.get((None, "src"), ""), settings.MEDIA_URL
        image = self.pictures.get(src[len(prefix) :]) if src.startswith(prefix) else None
        if image is None:
            return
        picture = picture_data(image, "body")
        yield {"type": "StartTag", "name": "picture", "data": {}}
        yield {
            "type": "EmptyTag",
            "name": "source",
            "data": {
                (None, "type"): "image/webp",
                (None, "srcset"): picture["webp_srcset"],
                (None, "sizes"): BODY_IMAGE_SIZES,
            },
        }
        yield {
            "type": "EmptyTag",
            "name": "img",
            "data": {
                (None, "src"): picture["src"],
                (None, "srcset"): picture["jpg_srcset"],
                (None, "sizes"): BODY_IMAGE_SIZES,
                (None, "width"): str(picture["width"]),
                (None, "height"): str(picture["height"]),
                (None, "alt"): attrs.get((None, "alt")) or image.alt,
                (None, "loading"): "lazy",
                (None, "decoding"): "async",
            },
        }
        yield {"type": "EndTag", "name": "picture", "data": {}}


class AskedFor(dict):
    """A picture lookup that holds nothing and remembers every path it was asked for."""

    def get(self, path, default=None):
        self[path] = None
        return default
