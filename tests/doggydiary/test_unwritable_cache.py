"""A cache folder that cannot be written loses no commenter's text and no page.

The real file cache (the default without REDIS_URL) points at a folder the
operating system refuses to write into: ``chmod 0o500`` for an ordinary user,
and for root, who ignores permissions, the folder made immutable (``chattr +i``,
which binds root too).
"""

import os
import shutil
import subprocess

import pytest

from comments.models import Comment

from ..helpers import post_comment

pytestmark = pytest.mark.django_db


def _lock(folder):
    """Make ``folder`` unwritable; return how to undo it, or None if we cannot."""
    if os.geteuid() != 0:
        folder.chmod(0o500)
        return lambda: folder.chmod(0o700)
    chattr = shutil.which("chattr")
    if chattr and subprocess.run([chattr, "+i", str(folder)], capture_output=True).returncode == 0:
        return lambda: subprocess.run([chattr, "-i", str(folder)], check=True)
    return None


@pytest.fixture
def locked_cache(request, settings, tmp_path):
    """The real file cache in use; calling the fixture's value makes its folder
    unwritable (reads still work), as a full disk or a wrong owner would."""
    location = tmp_path / "cache"
    location.mkdir()
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(location),
        }
    }

    def lock():
        undo = _lock(location)
        if undo is None:
            pytest.skip("running as root without chattr: cannot make a folder unwritable")
        request.addfinalizer(undo)

    return lock


def test_reader_pages_and_comments_work_with_an_unwritable_cache(client, story, locked_cache):
    # The cache worked once: the page and its generations are stored in it.
    assert client.get(story.get_absolute_url()).status_code == 200
    locked_cache()

    page = client.get(story.get_absolute_url())
    assert page.status_code == 200
    assert b"Leave a Reply" in page.content

    response = post_comment(client, story, body="Typed while the disk was full")
    assert response.status_code == 303
    comment = Comment.objects.get()
    assert comment.body == "Typed while the disk was full"
    own = client.get(response["Location"])
    assert own.status_code == 200
    assert b"Typed while the disk was full" in own.content


def test_an_approved_comment_with_an_unwritable_cache(client, story, rules, locked_cache):
    """An approved comment moves the page generations, which live in the cache: if
    they cannot move, the comment is not stored and the reader is told, text kept."""
    rules.manual_approval = False
    rules.save()
    assert client.get(story.get_absolute_url()).status_code == 200
    locked_cache()
    response = post_comment(client, story, body="Straight on the page")
    assert response.status_code in (303, 503)
    if response.status_code == 503:  # not stored, and said so with the text kept
        assert not Comment.objects.exists()
        assert b"Straight on the page" in response.content
        assert b"can&#39;t save comments right now" in response.content
    else:
        assert Comment.objects.get().body == "Straight on the page"
