"""The separate, resumable step that copies an export's pictures from the old site into
a folder laid out like ``wp-content/uploads``, for ``import_wordpress --media-dir``.

A file already in the folder is not fetched again, and each is written under a
temporary name and renamed once whole, so a stopped run is finished by running it
again. A picture that cannot be fetched is reported, never fatal. Only http(s)
addresses are fetched, and no more than IMAGE_MAX_UPLOAD_MB of any one file.
"""

import urllib.request
from pathlib import Path
from urllib.error import URLError

from django.conf import settings

from .survey import survey

USER_AGENT = "DoggyDiary-WordPress-import/1"


def destination(folder, attachment):
    folder = Path(folder).resolve()
    target = (folder / attachment.relpath).resolve()
    return target if target.is_relative_to(folder) and target != folder else None


def fetch_one(url, target, timeout):
    if not url.startswith(("http://", "https://")):
        raise ValueError("not an http(s) address")
    limit = settings.IMAGE_MAX_UPLOAD_MB * 1024 * 1024
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})  # noqa: S310
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (checked)
        data = response.read(limit + 1)
    if len(data) > limit:
        raise ValueError(f"larger than {settings.IMAGE_MAX_UPLOAD_MB} MB")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    partial.write_bytes(data)
    partial.replace(target)


def fetch_media(export, folder, timeout=20, out=None):
    """Fetch the export's pictures into ``folder``; returns {fetched, present, failed}."""
    found = survey(export)
    result = {"fetched": 0, "present": 0, "failed": []}
    for attachment in found.library.attachments.values():
        target = destination(folder, attachment)
        if not attachment.is_picture or target is None:
            continue
        if target.exists():
            result["present"] += 1
            continue
        try:
            fetch_one(attachment.url, target, timeout)
        except (URLError, OSError, ValueError) as error:
            result["failed"].append((attachment.url, str(getattr(error, "reason", error))))
            continue
        result["fetched"] += 1
        if out:
            out(f"fetched {attachment.url}")
    return result
