"""A backup restores into a fresh database and media folder, and the site then
serves byte-identical pages.

Everything runs as an operator would: ``manage.py`` in its own process for each
site, the first site on one database (a SQLite file, or a PostgreSQL database
when DATABASE_URL points there) and the restored one on a second. The content
has what ``dumpdata`` got wrong (tag links) beside pictures and comments.
"""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from deploy.loopback import site_environment

from ..deploy.test_concurrency import database_url

ROOT = Path(__file__).resolve().parents[2]
TOKEN = re.compile(rb'name="shown" value="[^"]*"')
PAGES = ["/", "/story/first-story/", "/story/second-story/", "/tag/terriers/", "/feed/"]

SETUP = """
from articles import related
from comments.models import Comment
from tests.factories import make_article, make_comment, make_image
first = make_article(slug="first-story", title="First story", hero_image=make_image(ready=False),
                     tags=["terriers", "puppies", "walks"])
make_article(slug="second-story", title="Second story", hero_image=make_image(ready=False),
             tags=["terriers", "walks"])
make_article(slug="third-story", title="Third story", tags=["puppies"])
top = make_comment(first, body="What a good dog.")
make_comment(first, body="A reply in the thread.", parent=top)
make_comment(first, body="Still waiting.", status=Comment.Status.PENDING)
related.refresh_all()
from articles import images, tasks
from articles.models import Image
for image in Image.objects.all():  # what the task worker does after an upload
    tasks.make_renditions.call(image.pk, images.rendition_key(image))
"""

FETCH = """
import json, os, re
from pathlib import Path
from django.test import Client
out = Path(os.environ["PAGES_OUT"])
client = Client()
found = {}
for number, url in enumerate(json.loads(os.environ["PAGES"])):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    (out / str(number)).write_bytes(response.content)
    found.update(dict.fromkeys(re.findall(r'/media/[^"\\s?,]+', response.content.decode())))
for number, url in enumerate(sorted(found)):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    (out / f"media-{number}").write_bytes(b"".join(response.streaming_content)
                                          if response.streaming else response.content)
(out / "media.json").write_text(json.dumps(sorted(found)))
"""


def manage(env, *args, check=True):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=check,
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip


def site_env(tmp_path, name, url):
    return site_environment(
        DATABASE_URL=url,
        MEDIA_ROOT=tmp_path / name / "media",
        CACHE_DIR=tmp_path / name / "cache",
        STATIC_ROOT=tmp_path / "static",
        ALLOWED_HOSTS="testserver",
        SITE_URL="http://testserver",
    )


@pytest.fixture
def two_databases(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first, drop_first = database_url(tmp_path / "a")
    second, drop_second = database_url(tmp_path / "b")
    yield site_env(tmp_path, "a", first), site_env(tmp_path, "b", second)
    for drop in (drop_first, drop_second):
        if drop:
            drop()


def fetch(env, out):
    out.mkdir()
    manage({**env, "PAGES_OUT": str(out), "PAGES": json.dumps(PAGES)}, "shell", "-c", FETCH)
    media = json.loads((out / "media.json").read_text())
    pages = [TOKEN.sub(b"TOKEN", (out / str(n)).read_bytes()) for n in range(len(PAGES))]
    files = [(out / f"media-{n}").read_bytes() for n in range(len(media))]
    return pages, media, files


def test_a_restored_site_serves_the_same_pages(tmp_path, two_databases):
    original, restored = two_databases
    manage(original, "migrate", "--noinput")
    manage(original, "collectstatic", "--noinput")
    manage(original, "shell", "-c", SETUP)

    backup = tmp_path / "backup"
    manage(original, "backup", str(backup))
    manifest = json.loads((backup / "manifest.json").read_text())
    assert manifest["rows"]["articles_storytag"] == 6
    assert manifest["rows"]["comments_comment"] == 3
    assert oct(backup.stat().st_mode & 0o777) == "0o700"

    result = manage(restored, "restore", str(backup))
    assert "Restored" in result.stdout
    assert "secret key" not in result.stdout

    pages, media, files = fetch(original, tmp_path / "pages-a")
    assert len(media) >= 2  # hero pictures and their renditions
    assert all(files)
    assert b"What a good dog." in pages[1]
    assert b"terriers" in pages[1]
    assert fetch(restored, tmp_path / "pages-b") == (pages, media, files)

    # What is refused, and says why: a second restore over a site, a backup into a
    # folder in use, a changed file (checked before anything is touched), no manifest.
    again = manage(restored, "restore", str(backup), check=False)
    assert again.returncode != 0
    assert "already has" in again.stderr
    assert "not empty" in manage(original, "backup", str(backup), check=False).stderr
    picture = next((backup / "media").rglob("*.jpg"))
    picture.write_bytes(picture.read_bytes() + b"tampered")
    refused = manage(restored, "restore", str(backup), "--force", check=False)
    assert refused.returncode != 0
    assert "missing or changed" in refused.stderr
    (backup / "manifest.json").unlink()
    refused = manage(restored, "restore", str(backup), check=False)
    assert refused.returncode != 0
    assert "no manifest.json" in refused.stderr
