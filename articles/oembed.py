"""A post's details from its provider's oEmbed endpoint, asked at save time by the
admin only, and only when ``settings.EMBED_FETCH_DETAILS`` allows the site to reach
providers (it is off by default). Readers' browsers never take part."""

import json
from urllib.error import URLError
from urllib.parse import urlencode, urlsplit
from urllib.request import urlopen

from django.conf import settings
from django.core.files.base import ContentFile

from .models import Image
from .tasks import queue_renditions
from .uploads import check_upload

TIMEOUT_SECONDS = 5
MAX_JSON_BYTES = 200_000
MAX_PICTURE_BYTES = 8_000_000


class Unreachable(Exception):
    """The provider did not answer with what we need; the message says so."""


def _read(url, limit):
    if urlsplit(url).scheme not in {"http", "https"}:
        raise Unreachable("The provider gave an address we do not follow.")
    try:
        with urlopen(url, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310 (checked above)
            body = response.read(limit + 1)
    except (URLError, OSError, ValueError) as error:
        raise Unreachable(f"The provider could not be reached ({error}).") from error
    if len(body) > limit:
        raise Unreachable("The provider's answer was too large.")
    return body


def fetch_details(post):
    """{"author_name", "first_line", "poster"} for ``post`` (a SocialPost with its
    address), the poster a new library picture or None; raises Unreachable."""
    endpoint = settings.EMBED_OEMBED_ENDPOINTS.get(post.provider)
    if not endpoint:
        raise Unreachable("This provider does not describe its posts to other sites.")
    query = urlencode({"url": post.address, "format": "json", "maxwidth": 1200})
    try:
        data = json.loads(_read(f"{endpoint}?{query}", MAX_JSON_BYTES))
    except ValueError as error:
        raise Unreachable("The provider's answer was not oEmbed.") from error
    if not isinstance(data, dict):
        raise Unreachable("The provider's answer was not oEmbed.")
    author = str(data.get("author_name") or "")[:100]
    first_line = " ".join(str(data.get("title") or "").split()[:60])[:280]
    poster = None
    if thumbnail := data.get("thumbnail_url"):
        poster = _library_picture(str(thumbnail), author or post.provider, first_line)
    return {"author_name": author, "first_line": first_line, "poster": poster}


def _library_picture(url, author, first_line):
    picture = Image(
        title=f"Post by {author}"[:200],
        alt=(first_line or f"A post by {author}")[:250],
        credit=author[:200],
        file=ContentFile(_read(url, MAX_PICTURE_BYTES), name="poster.jpg"),
    )
    try:
        check_upload(picture.file)
        picture.save()
    except (ValueError, OSError) as error:
        raise Unreachable(f"The provider's picture could not be used ({error}).") from error
    queue_renditions(picture)  # by the task worker, off the request
    return picture
