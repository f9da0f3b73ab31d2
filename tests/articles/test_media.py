"""Pictures: renditions, orientation, metadata, and the media view's refusals."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from PIL import Image as PILImage

from articles import images
from articles.admin import ImageForm
from articles.models import Image

from ..factories import jpeg_bytes, make_image
from ..helpers import get_made, run_task_worker

pytestmark = pytest.mark.django_db

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def exif_with_gps_and_rotation():
    exif = PILImage.Exif()
    exif[ORIENTATION] = 6  # the camera was turned: show rotated 90° clockwise
    exif[0x010F] = "PhoneMaker"
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (51.0, 30.0, 0.0), 3: "W", 4: (0.0, 7.0, 0.0)})
    return exif


def open_response(response):
    return PILImage.open(io.BytesIO(b"".join(response.streaming_content)))


def rendition(client, image, spec, width, ext):
    return get_made(client, images.rendition_url(image, spec, width, ext))


@pytest.mark.django_db(transaction=True)  # the task worker commits
def test_missing_rendition_is_made_by_the_worker_and_cached_forever(client):
    image = make_image(1600, 1000)
    url = images.rendition_url(image, "hero", 800, "webp")
    response = client.get(url)
    # Not made in the request: the reader is sent to the original meanwhile.
    assert response.status_code == 302
    assert response["Location"] == image.file.url
    assert "no-cache" in response["Cache-Control"]
    run_task_worker()
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"
    assert "immutable" in response["Cache-Control"]
    picture = open_response(response)
    assert picture.size == (800, 533)  # heroes are 3:2
    assert picture.format == "WEBP"


@pytest.mark.django_db(transaction=True)  # the task worker commits
def test_card_crop_follows_the_focal_point(client):
    image = Image.objects.create(
        title="t", alt="a", focal_x=1.0, focal_y=0.5,
        file=ContentFile(_half_red_half_blue(), name="x.png"),
    )  # fmt: skip
    picture = open_response(rendition(client, image, "card", 320, "jpg"))
    assert picture.size == (320, 213)
    red, green, blue = picture.convert("RGB").getpixel((300, 100))
    assert blue > 200  # the right-hand (blue) side was kept
    assert red < 60


def _half_red_half_blue():
    picture = PILImage.new("RGB", (1200, 400), (255, 0, 0))
    picture.paste((0, 0, 255), (600, 0, 1200, 400))
    out = io.BytesIO()
    picture.save(out, "PNG")
    return out.getvalue()


@pytest.mark.django_db(transaction=True)  # the task worker commits
def test_renditions_are_upright_and_carry_no_metadata(client):
    source = jpeg_bytes(1000, 600, exif=exif_with_gps_and_rotation())
    image = Image.objects.create(title="t", alt="a", file=ContentFile(source, name="p.jpg"))
    picture = open_response(rendition(client, image, "body", 480, "jpg"))
    assert picture.width < picture.height  # rotated to portrait
    assert not picture.getexif()
    assert "exif" not in picture.info


def test_admin_upload_is_normalized_without_gps():
    source = jpeg_bytes(1000, 600, exif=exif_with_gps_and_rotation())
    upload = SimpleUploadedFile("IMG_2024_home.jpg", source, content_type="image/jpeg")
    form = ImageForm(data={"title": "t", "alt": "a", "focal_x": 0.5, "focal_y": 0.5},
                     files={"file": upload})  # fmt: skip
    assert form.is_valid(), form.errors
    image = form.save()
    assert "IMG_2024_home" not in image.file.name
    assert (image.width, image.height) == (600, 1000)
    with PILImage.open(image.file.path) as stored:
        assert not stored.getexif()


def test_admin_refuses_a_file_that_is_not_a_picture():
    upload = SimpleUploadedFile("cat.jpg", b"just text", content_type="image/jpeg")
    form = ImageForm(data={"title": "t", "alt": "a", "focal_x": 0.5, "focal_y": 0.5},
                     files={"file": upload})  # fmt: skip
    assert not form.is_valid()
    assert "file" in form.errors


@pytest.mark.parametrize(
    "path",
    [
        "renditions/999/0123456789ab/hero-800.webp",  # no such image
        "renditions/{pk}/0123456789ab/hero-800.webp",  # stale key
        "renditions/{pk}/{key}/hero-801.webp",  # a size we never make
        "renditions/{pk}/{key}/hero-1600.webp",  # larger than the original
        "renditions/{pk}/{key}/giant-800.webp",  # unknown spec
        "renditions/{pk}/{key}/hero-800.gif",  # unknown format
        "../var/secret_key",
        "..%2f..%2fetc/passwd",
        "images/nothing-here.jpg",
    ],
)
def test_media_view_refuses_what_it_would_never_serve(client, path):
    image = make_image(1000, 600)
    path = path.format(pk=image.pk, key=images.rendition_key(image))
    assert client.get("/media/" + path).status_code == 404


def test_media_view_serves_only_pictures(client, settings):
    (settings.MEDIA_ROOT / "images").mkdir(parents=True, exist_ok=True)
    (settings.MEDIA_ROOT / "images" / "page.html").write_text("<script>alert(1)</script>")
    assert client.get("/media/images/page.html").status_code == 404


def test_renditions_do_not_upscale_small_pictures():
    image = make_image(300, 200)
    assert images.widths_for(image, "hero") == [300]
    assert images.picture_data(image, "hero")["width"] == 300


@pytest.mark.django_db(transaction=True)  # the task worker commits
def test_queue_renditions_asks_the_worker_for_what_is_missing(client):
    from io import StringIO

    made, missing = make_image(ready=True), make_image(ready=False)
    out = StringIO()
    call_command("queue_renditions", stdout=out)
    assert "Queued the renditions of 1 pictures" in out.getvalue()
    run_task_worker()
    missing.refresh_from_db()
    assert images.renditions_ready(missing)
    assert images.renditions_ready(made)
    response = client.get(images.rendition_url(missing, "card", 320, "avif"))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/avif"


@pytest.fixture
def proxy_serves_media(settings):
    """SERVE_MEDIA=false, as behind nginx serving a shared folder: the URLs read again."""
    import importlib

    from django.urls import clear_url_caches

    import doggydiary.urls

    settings.SERVE_MEDIA = False
    importlib.reload(doggydiary.urls)
    clear_url_caches()
    yield
    settings.SERVE_MEDIA = True
    importlib.reload(doggydiary.urls)
    clear_url_caches()


@pytest.mark.usefixtures("proxy_serves_media")
@pytest.mark.django_db(transaction=True)  # the task worker commits
def test_behind_a_proxy_only_renditions_not_made_yet_reach_the_site(client):
    """The nginx recipe's fallback for a rendition: the site asks the worker for it;
    the originals and everything else in the folder are the proxy's alone."""
    image = make_image(1600, 1000)
    url = images.rendition_url(image, "hero", 800, "webp")
    assert client.get(url).status_code == 302  # the original meanwhile, the worker asked
    run_task_worker()
    assert client.get(url).status_code == 200
    assert client.get(image.file.url).status_code == 404
