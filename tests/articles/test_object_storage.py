"""Media on object storage: a real S3-compatible server on loopback (moto in server
mode), the bucket named as production names it. Uploads land in the bucket at once,
the task worker makes the renditions there, pages link the bucket (and their CSP lets
them), and the demo loader, backups and /healthz all work through the storage API."""

import io
import json
import urllib.request

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from PIL import Image as PILImage

from articles import images
from articles.models import Article, Image
from doggydiary.roles import EDITORS

from ..factories import make_article, make_image, make_user
from ..helpers import run_task_worker
from ..tools.test_backup_restore import manage, site_env

# The task worker (manage.py db_worker) commits its work and checks its connection.
pytestmark = pytest.mark.django_db(transaction=True)

UPLOAD = reverse("admin:articles_article_picture_upload")


def fetch(url):
    """GET an address on the S3 server, as a reader's browser does."""
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - loopback only
        return response.status, response.headers["Content-Type"], response.read()


def png(width=1600, height=1200):
    out = io.BytesIO()
    PILImage.new("RGB", (width, height), (40, 120, 200)).save(out, "PNG")
    out.seek(0)
    out.name = "dog.png"
    return out


def editor_client():
    client = Client()
    client.force_login(make_user("editor-s3", EDITORS))
    return client


def test_an_upload_lands_in_the_bucket_and_the_worker_makes_its_renditions_there(
    roles, s3_media, s3_server, django_capture_on_commit_callbacks
):
    client = editor_client()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(UPLOAD, {"alt": "A collie in the sea", "file": png()})
    assert response.status_code == 201
    picture = response.json()["picture"]
    image = Image.objects.get(pk=picture["id"])
    bucket_url = f"{s3_server.endpoint}/{s3_media}/"
    # Answered before any rendition exists: the thumbnail is the original for now.
    assert s3_server.keys(s3_media) == [image.file.name]
    assert picture["src"] == picture["thumb"] == bucket_url + image.file.name
    assert fetch(picture["src"])[0] == 200

    run_task_worker()
    made = s3_server.keys(s3_media, "renditions/")
    expected = {
        images.rendition_name(image, spec, width, ext)
        for spec in images.SPECS
        for width in images.widths_for(image, spec)
        for ext in images.FORMATS
    }
    assert set(made) == expected
    image.refresh_from_db()
    assert images.renditions_ready(image)
    status, kind, data = fetch(images.rendition_url(image, "hero", 800, "avif"))
    assert (status, kind) == (200, "image/avif")
    assert PILImage.open(io.BytesIO(data)).size == (800, 533)
    thumb = client.get(reverse("admin:articles_article_pictures")).json()["results"][0]["thumb"]
    assert thumb.startswith(bucket_url + "renditions/")


def test_pages_show_pictures_from_the_bucket_and_their_policy_allows_it(s3_media, s3_server):
    image = make_image(1600, 1000, ready=False)
    bucket_url = f"{s3_server.endpoint}/{s3_media}/"
    body = f'<p>On the beach.</p><figure><img src="{image.file.url}" alt=""></figure>'
    story = make_article(hero_image=image, body=body)
    client = Client()
    response = client.get(story.get_absolute_url())
    html = response.content.decode()
    img_src = next(d for d in response["Content-Security-Policy"].split("; ") if "img-src" in d)
    assert img_src == f"img-src 'self' {s3_server.endpoint} data:"
    # Before the worker has run: the original, in a box of the hero's shape.
    assert 'class="picture-pending picture-pending--hero"' in html
    assert f'src="{bucket_url}{image.file.name}"' in html
    assert "renditions/" not in html

    run_task_worker_for(image)
    html = client.get(story.get_absolute_url()).content.decode()
    assert "picture-pending" not in html
    hero = images.rendition_url(image, "hero", 800, "jpg")
    assert f'<source type="image/avif" srcset="{bucket_url}renditions/' in html
    assert f'src="{hero}"' in html
    # The body's picture, written when the story was saved, was given its renditions too.
    body_html = Article.objects.get(pk=story.pk).body_html
    assert images.rendition_url(image, "body", 800, "webp") in body_html
    assert fetch(hero)[0] == 200


def run_task_worker_for(image):
    from articles import tasks

    tasks.make_renditions.enqueue(image.pk, images.rendition_key(image))
    run_task_worker()


def test_the_demo_loader_fills_the_bucket(s3_media, s3_server):
    call_command("load_demo", scale=0.2, verbosity=0)
    story = Article.objects.published().exclude(hero_image=None).first()
    html = Client().get(story.get_absolute_url()).content.decode()
    hero = images.rendition_url(
        story.hero_image, "hero", images.widths_for(story.hero_image, "hero")[0], "jpg"
    )
    assert hero in html
    assert fetch(hero)[0] == 200


SETUP = """
from articles import images, tasks
from tests.factories import make_article, make_image
image = make_image(900, 600, ready=False)
make_article(slug="on-the-bucket", hero_image=image)
tasks.make_renditions.call(image.pk, images.rendition_key(image))
"""


def test_backup_and_restore_go_through_the_bucket(s3_server, tmp_path):
    """``manage.py backup`` and ``restore`` as an operator runs them, each site on its
    own SQLite file and bucket."""

    def site(name, bucket):
        env = site_env(tmp_path, name, f"sqlite:///{tmp_path / name}.sqlite3")
        return {**env, **s3_server.environment(bucket)}

    first, second = s3_server.new_bucket(), s3_server.new_bucket()
    original, restored = site("a", first), site("b", second)
    manage(original, "migrate", "--noinput")
    manage(original, "shell", "-c", SETUP)
    stored = s3_server.keys(first)
    assert len(stored) > 20
    assert any(key.startswith("renditions/") for key in stored)

    backup = tmp_path / "backup"
    result = manage(original, "backup", str(backup))
    assert f"and {len(stored)} media files" in result.stdout
    manifest = json.loads((backup / "manifest.json").read_text())
    saved = sorted(p.removeprefix("media/") for p in manifest["files"] if p.startswith("media/"))
    assert saved == stored

    result = manage(restored, "restore", str(backup))
    assert "Restored" in result.stdout
    assert s3_server.keys(second) == stored
    # A bucket in use is not restored into without --force.
    refused = manage(site("c", first), "restore", str(backup), check=False)
    assert refused.returncode != 0
    assert "media storage is not empty" in refused.stderr


def test_healthz_makes_a_round_trip_to_the_bucket(s3_media, s3_server, settings):
    image = make_image()
    client = Client()
    response = client.get("/healthz")
    assert response.status_code == 200, response.content
    assert s3_server.keys(s3_media) == [image.file.name]  # its test file is gone again
    s3_server.client().delete_object(Bucket=s3_media, Key=image.file.name)
    body = client.get("/healthz").json()
    assert body["failed"] == ["media"]
    settings.AWS_STORAGE_BUCKET_NAME = "no-such-bucket"
    settings.STORAGES = {**settings.STORAGES}
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["failed"] == ["media"]
