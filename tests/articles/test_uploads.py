"""Picture uploads through the admin: real photos only, within limits."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage

from articles.models import Image
from doggydiary.roles import EDITORS

from ..factories import jpeg_bytes, make_user
from ..helpers import run_task_worker

pytestmark = pytest.mark.django_db

ADD = reverse("admin:articles_image_add")


@pytest.fixture
def editor(client):
    client.force_login(make_user("eddie", EDITORS))


def upload(client, name, content, content_type="image/jpeg", **fields):
    data = {"title": "A photo", "alt": "A dog", "focal_x": "0.5", "focal_y": "0.5", **fields}
    data["file"] = SimpleUploadedFile(name, content, content_type=content_type)
    return client.post(ADD, data)


def png_bytes(width, height):
    out = io.BytesIO()
    PILImage.new("1", (width, height)).save(out, "PNG")
    return out.getvalue()


def test_a_real_photo_is_stored_with_a_name_that_says_nothing(client, editor):
    response = upload(client, "holiday-at-grandmas-house.jpg", jpeg_bytes(800, 600))
    assert response.status_code == 302
    image = Image.objects.get()
    assert "grandma" not in image.file.name
    assert image.file.name.startswith("images/")


@pytest.mark.parametrize(
    ("name", "content", "content_type", "message"),
    [
        ("dog.jpg", b"this is only text", "image/jpeg", "valid image"),
        ("evil.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
         "image/svg+xml", "valid image"),
        ("fake.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "image/png", "valid image"),
    ],
)  # fmt: skip
def test_files_that_are_not_photos_are_refused(
    client, editor, name, content, content_type, message
):
    response = upload(client, name, content, content_type)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Image.objects.exists()


def test_too_many_pixels_is_refused_with_the_numbers(client, editor, settings):
    settings.IMAGE_MAX_MEGAPIXELS = 4
    response = upload(client, "huge.png", png_bytes(3000, 2000), "image/png")
    html = response.content.decode()
    assert response.status_code == 200
    assert "3000×2000" in html
    assert "the limit is 4" in html
    assert not Image.objects.exists()


def test_a_pixel_bomb_is_refused(client, editor):
    bomb = png_bytes(20000, 20000)  # 400 megapixels in a few kilobytes
    assert len(bomb) < 200_000
    response = upload(client, "bomb.png", bomb, "image/png")
    assert response.status_code == 200
    assert not Image.objects.exists()


def test_too_large_a_file_is_refused(client, editor, settings):
    settings.IMAGE_MAX_UPLOAD_MB = 1
    big = jpeg_bytes(3000, 3000) + b"\x00" * (1024 * 1024)
    response = upload(client, "big.jpg", big)
    assert "the limit is 1 MB" in response.content.decode()
    assert not Image.objects.exists()


def test_alt_text_is_required(client, editor):
    response = upload(client, "dog.jpg", jpeg_bytes(), alt="")
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    assert not Image.objects.exists()


@pytest.mark.django_db(transaction=True)  # the task worker commits
def test_admin_list_and_picker_show_thumbnails(
    roles, client, editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the upload queues its renditions
        upload(client, "dog.jpg", jpeg_bytes(900, 600), title="Beach dog")
    listing = client.get(reverse("admin:articles_image_changelist")).content.decode()
    assert "/media/images/" in listing  # the original, until the worker has run
    run_task_worker()
    listing = client.get(reverse("admin:articles_image_changelist")).content.decode()
    assert "/media/renditions/" in listing
    assert "Beach dog" in listing


def test_change_page_offers_a_focal_point_picker(client, editor):
    upload(client, "dog.jpg", jpeg_bytes(900, 600))
    image = Image.objects.get()
    page = client.get(reverse("admin:articles_image_change", args=[image.pk])).content.decode()
    assert "data-focal-picker" in page
    assert 'id="id_focal_x"' in page
    response = client.post(
        reverse("admin:articles_image_change", args=[image.pk]),
        {"title": "A photo", "alt": "A dog", "focal_x": "0.9", "focal_y": "0.1"},
    )
    assert response.status_code == 302
    image.refresh_from_db()
    assert (image.focal_x, image.focal_y) == (0.9, 0.1)
    bad = client.post(
        reverse("admin:articles_image_change", args=[image.pk]),
        {"title": "A photo", "alt": "A dog", "focal_x": "1.5", "focal_y": "0.1"},
    )
    assert bad.status_code == 200
