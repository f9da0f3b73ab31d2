"""Attachments into the picture library: files from ``--media-dir`` (a copy of
``wp-content/uploads``) or from the fetch step's folder, each checked as any upload is;
a file that is missing or refused is reported, never fatal. ``Library`` then answers
what a body's addresses (sized copies such as ``-300x200.jpg`` included) and gallery
ids are in the library."""

import re
from dataclasses import dataclass
from html import escape, unescape
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.files import File

from articles.models import Image
from articles.tasks import queue_renditions
from articles.uploads import check_upload

from .models import WordPressItem

# Sized copies, WordPress 5.3's "-scaled" originals and edited copies: one picture.
_VARIANT = re.compile(r"-(?:\d+x\d+|scaled|e\d{10,13})(?=\.[A-Za-z0-9]+$)")
PICTURE_SUFFIXES = {".jpg", ".jpeg", ".png", ".gif", ".webp"}


@dataclass(slots=True)
class Attachment:
    wp_id: str
    url: str
    relpath: str  # under uploads: "2024/05/rex.jpg", or the bare name of a flat upload
    title: str
    alt: str
    caption: str
    parent: str
    image: Image | None = None

    @property
    def is_picture(self):
        return PurePosixPath(self.relpath).suffix.lower() in PICTURE_SUFFIXES


def attachment_from(item):
    url = item.get("wp:attachment_url").strip() or item.get("guid").strip()
    relpath = item.first_meta("_wp_attached_file").strip()
    if not relpath:
        path = unquote(urlsplit(url).path)
        relpath = path.split("/wp-content/uploads/", 1)[-1].lstrip("/")
    return Attachment(
        wp_id=item.wp_id,
        url=url,
        relpath=relpath,
        title=unescape(item.get("title")).strip()[:200],
        alt=item.first_meta("_wp_attachment_image_alt").strip()[:250],
        caption=unescape(item.get("excerpt:encoded")).strip()[:300],
        parent=item.get("wp:post_parent", "0").strip(),
    )


def url_keys(url):
    """The spellings under which an address may name a picture: host and path (any
    scheme, www or not), and the path under ``wp-content/uploads``."""
    try:
        parts = urlsplit(unescape(url).strip())
        host = (parts.hostname or "").encode("idna").decode("ascii").removeprefix("www.")
    except (ValueError, UnicodeError):
        return []
    path = _VARIANT.sub("", unquote(parts.path)).lower()
    keys = [f"{host}{path}"] if host else []
    if "/wp-content/uploads/" in path:
        keys.append("uploads:" + path.split("/wp-content/uploads/", 1)[1])
    return keys


class Library:
    """The export's attachments and the library pictures made of them."""

    def __init__(self):
        self.attachments = {}  # wp id -> Attachment
        self.by_key = {}  # url key -> Attachment
        self.children = {}  # post wp id -> [attachment wp ids]

    def add(self, attachment):
        self.attachments[attachment.wp_id] = attachment
        self.children.setdefault(attachment.parent, []).append(attachment.wp_id)
        for key in url_keys(attachment.url):
            self.by_key.setdefault(key, attachment)
        self.by_key.setdefault(
            "uploads:" + _VARIANT.sub("", attachment.relpath.lower()), attachment
        )

    def find(self, url):
        """The library Image an address names, or None."""
        for key in url_keys(url):
            attachment = self.by_key.get(key)
            if attachment is not None and attachment.image is not None:
                return attachment.image
        return None

    def picture(self, wp_id):
        attachment = self.attachments.get(str(wp_id).strip())
        return attachment.image if attachment else None

    @staticmethod
    def url(image):
        return settings.MEDIA_URL + image.file.name

    def pictures_by_path(self):
        """What ``sanitize_body`` needs: library path -> Image."""
        return {a.image.file.name: a.image for a in self.attachments.values() if a.image}

    def gallery(self, ids, post_id):
        """A figure for each picture of a ``[gallery]``: its ids, else the post's own."""
        ids = ids if ids is not None else self.children.get(post_id, [])
        figures = []
        for wp_id in ids:
            attachment = self.attachments.get(wp_id)
            if attachment is None or attachment.image is None:
                continue
            caption = attachment.caption or attachment.image.caption
            caption = f"<figcaption>{escape(caption)}</figcaption>" if caption else ""
            figures.append(
                f'<figure><img src="{escape(self.url(attachment.image))}" '
                f'alt="{escape(attachment.alt)}">{caption}</figure>'
            )
        return figures


def _source(attachment, folders):
    for folder in folders:
        for candidate in (attachment.relpath, PurePosixPath(attachment.relpath).name):
            path = Path(folder) / candidate
            try:
                inside = path.resolve().is_relative_to(Path(folder).resolve())
                if candidate and inside and path.is_file():
                    return path
            except OSError:
                continue
    return None


def import_pictures(library, folders, report, dry_run=False):
    """Make a library picture of each attachment, or find the one made before."""
    known = dict(
        WordPressItem.objects.filter(kind=WordPressItem.Kind.ATTACHMENT).values_list(
            "key", "object_id"
        )
    )
    images = Image.objects.in_bulk(list(known.values()))
    for attachment in library.attachments.values():
        image = images.get(known.get(attachment.wp_id))
        if image is not None:
            attachment.image = image
            report.count("pictures", "unchanged")
            continue
        if not attachment.is_picture:
            report.skip("pictures", "not a picture (kept on the old site)", attachment.url)
            continue
        source = _source(attachment, folders)
        if source is None:
            report.missing_picture(attachment.url)
            continue
        if dry_run:
            report.count("pictures", "created")
            continue
        attachment.image = _create(attachment, source, report)


def _create(attachment, source, report):
    with open(source, "rb") as stream:
        upload = File(stream, name=source.name)
        try:
            check_upload(upload)
        except ValueError as error:
            report.skip("pictures", f"refused: {error}", attachment.url)
            return None
        image = Image(
            file=upload,
            title=attachment.title or source.stem,
            alt=attachment.alt,
            caption=attachment.caption,
        )
        image.file._committed = False
        image.save()
    queue_renditions(image)  # made by the task worker, as for an upload in the admin
    WordPressItem.objects.create(
        kind=WordPressItem.Kind.ATTACHMENT, key=attachment.wp_id, object_id=image.pk
    )
    report.count("pictures", "created")
    return image
