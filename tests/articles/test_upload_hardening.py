"""Hostile and unusual uploads: each gets a clear message on the form, never a 500,
and none keeps a worker busy; phone photos, however Pillow reads them, go through."""

import io
import time

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage

from articles import images, uploads
from articles.models import Image
from doggydiary.roles import EDITORS

from ..factories import make_user

pytestmark = pytest.mark.django_db

ADD = reverse("admin:articles_image_add")


@pytest.fixture
def editor(client):
    client.force_login(make_user("eddie", EDITORS))


def upload(client, name, content, content_type="image/jpeg"):
    data = {"title": "A photo", "alt": "A dog", "focal_x": "0.5", "focal_y": "0.5"}
    data["file"] = SimpleUploadedFile(name, content, content_type=content_type)
    return client.post(ADD, data)


def encoded(picture, fmt, **options):
    out = io.BytesIO()
    picture.save(out, fmt, **options)
    return out.getvalue()


def photo(width=1200, height=900):
    """A JPEG with real detail, so that cutting it leaves part of the picture."""
    return encoded(PILImage.effect_noise((width, height), 40).convert("RGB"), "JPEG")


def refused(response, message):
    assert response.status_code == 200, response.status_code
    assert message in response.content.decode()
    assert not Image.objects.exists()


@pytest.mark.parametrize(
    "content",
    [photo()[: len(photo()) // 2], photo()[:-2]],
    ids=["cut in half", "missing only its end marker"],
)
def test_an_incomplete_jpeg_is_refused_clearly(client, editor, content):
    refused(upload(client, "cut.jpg", content), "incomplete")


def test_a_small_png_of_forty_megapixels_is_refused_from_its_header(client, editor):
    bomb = encoded(PILImage.new("1", (7000, 5670)), "PNG")  # 39.7 megapixels
    assert len(bomb) < 10_000
    started = time.monotonic()
    response = upload(client, "bomb.png", bomb, "image/png")
    took = time.monotonic() - started
    refused(response, "7000×5670 (39.7 megapixels); the limit is 24 megapixels for a PNG")
    assert took < 2, took  # 19 seconds of decoding and renditions before


def test_a_48_megapixel_phone_photo_is_kept_and_stored_smaller(client, editor):
    big = encoded(PILImage.linear_gradient("L").resize((8000, 6000)).convert("RGB"), "JPEG")
    started = time.monotonic()
    response = upload(client, "phone.jpg", big)
    took = time.monotonic() - started
    assert response.status_code == 302, response.content.decode()[:2000]
    image = Image.objects.get()
    assert (image.width, image.height) == (3200, 2400)
    assert took < 15, took


def test_a_phone_photo_pillow_reads_as_mpo_is_kept(client, editor):
    main, preview = PILImage.new("RGB", (1600, 1200), "tan"), PILImage.new("RGB", (320, 240))
    mpo = encoded(main, "MPO", save_all=True, append_images=[preview])
    assert PILImage.open(io.BytesIO(mpo)).format == "MPO"
    assert upload(client, "phone.jpg", mpo).status_code == 302
    image = Image.objects.get()
    assert (image.width, image.height) == (1600, 1200)
    with image.file.open("rb") as stored, PILImage.open(stored) as picture:
        assert picture.format == "JPEG"


def frames(count):
    return [PILImage.new("RGB", (64, 48), (40 * n, 90, 160)) for n in range(count)]


@pytest.mark.parametrize(
    ("name", "fmt", "content_type"),
    [("wag.gif", "GIF", "image/gif"), ("wag.webp", "WEBP", "image/webp")],
)
def test_an_animated_picture_is_refused_not_flattened(client, editor, name, fmt, content_type):
    first, *rest = frames(3)
    animated = encoded(first, fmt, save_all=True, append_images=rest, duration=100, loop=0)
    assert PILImage.open(io.BytesIO(animated)).is_animated
    refused(upload(client, name, animated, content_type), "Animated pictures cannot be used")
    still = encoded(first, fmt)
    assert upload(client, name, still, content_type).status_code == 302


def test_any_form_for_the_library_gets_the_checks():
    """Image.clean() runs them, so a form of another view (the picker's) refuses too."""
    cut = photo()[:5000]
    image = Image(title="Cut", alt="Cut", file=SimpleUploadedFile("cut.jpg", cut))
    with pytest.raises(ValidationError) as caught:
        image.full_clean()
    assert uploads.INCOMPLETE in caught.value.message_dict["file"]


def test_a_rendition_of_a_large_jpeg_is_decoded_at_a_smaller_scale():
    stored = PILImage.open(io.BytesIO(photo(3200, 2400)))
    images._draft(stored, 480 / 3200)
    assert stored.size == (800, 600)  # a quarter of each side: 1/16 of the pixels


def test_a_three_thousand_frame_gif_is_refused_by_both_upload_paths(client, editor):
    """As the docs say: animations are refused, not stored as their first frame, however
    many frames (the library form and the story editor's picture picker)."""
    many = [
        PILImage.new("RGB", (40, 30), (n % 256, n * 7 % 256, n * 13 % 256)) for n in range(3000)
    ]
    gif = encoded(many[0], "GIF", save_all=True, append_images=many[1:], duration=20, loop=0)
    assert PILImage.open(io.BytesIO(gif)).n_frames == 3000
    refused(upload(client, "long.gif", gif, "image/gif"), "Animated pictures cannot be used")
    picker = client.post(
        reverse("admin:articles_article_picture_upload"),
        {"file": SimpleUploadedFile("long.gif", gif, "image/gif"), "alt": "A dog"},
    )
    assert picker.status_code == 400
    assert "Animated pictures cannot be used" in picker.json()["error"]
    assert not Image.objects.exists()
