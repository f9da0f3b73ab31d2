"""Heroes are cropped to one shape around the focal point; body pictures keep theirs."""

import io
import re

import pytest
from django.core.files.base import ContentFile
from PIL import Image as PILImage

from articles import images
from articles.sanitize import sanitize_body

from ..factories import make_article, make_image
from ..helpers import get_made

# The task worker (manage.py db_worker) commits its work and checks its connection.
pytestmark = pytest.mark.django_db(transaction=True)

RED, BLUE = (220, 30, 30), (30, 30, 220)


def portrait(width=800, height=1600):
    """Red above the middle, blue below: what a crop kept shows where it was taken."""
    picture = PILImage.new("RGB", (width, height), RED)
    picture.paste(BLUE, (0, height // 2, width, height))
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=95)
    return ContentFile(out.getvalue(), name="portrait.jpg")


def fetched(client, url):
    response = get_made(client, url)
    assert response.status_code == 200
    return PILImage.open(io.BytesIO(b"".join(response.streaming_content)))


def close_to(pixel, colour):
    return all(abs(a - b) < 40 for a, b in zip(pixel, colour, strict=True))


@pytest.mark.parametrize(("focal_y", "colour"), [(0.15, RED), (0.85, BLUE)])
def test_portrait_hero_is_three_by_two_around_the_focal_point(client, focal_y, colour):
    image = make_image(file=portrait(), focal_y=focal_y)
    data = images.picture_data(image, "hero")
    assert (data["width"], data["height"]) == (800, 533)
    hero = fetched(client, data["src"])
    assert hero.size == (800, 533)
    for point in [(10, 10), (400, 266), (790, 520)]:
        assert close_to(hero.getpixel(point), colour), point


def test_the_crop_follows_the_focal_point_not_the_middle(client):
    # The middle of the picture is where red meets blue; a focal point at 0.3 puts the
    # crop's centre at 480 px of 1600, so the crop (533 px tall) is all red.
    image = make_image(file=portrait(), focal_y=0.3)
    box = images._crop_box(800, 1600, images.SPECS["hero"].ratio, 0.5, 0.3)
    assert box == (0, 214, 800, 747)
    hero = fetched(client, images.picture_data(image, "hero")["src"])
    assert close_to(hero.getpixel((400, 520)), RED)


def test_story_page_hero_says_the_cropped_size(client):
    image = make_image(file=portrait(), alt="A tall dog standing up")
    story = make_article(hero_image=image)
    html = client.get(story.get_absolute_url()).content.decode()
    hero = re.search(r'<figure class="hero[^"]*">\s*<picture>.*?<img ([^>]*)>', html, re.S)
    assert hero, "no hero picture on the story page"
    attrs = dict(re.findall(r'(\w+)="([^"]*)"', hero.group(1)))
    assert attrs["alt"] == "A tall dog standing up"
    width, height = int(attrs["width"]), int(attrs["height"])
    assert (width, height) == (800, 533)  # not 800×1600
    assert fetched(client, attrs["src"]).size == (width, height)
    for candidate in attrs["srcset"].split(", "):
        url, size = candidate.rsplit(" ", 1)
        shown = fetched(client, url).size
        assert shown[0] == int(size[:-1])
        assert shown[0] / shown[1] == pytest.approx(1.5, abs=0.01)


def test_body_pictures_keep_their_own_shape(client):
    image = make_image(file=portrait())
    html = sanitize_body(f'<img src="{image.file.url}" alt="Tall">', {image.file.name: image})
    assert 'width="800" height="1600"' in html
    src = re.search(r'<img src="([^"]+)"', html).group(1)
    assert fetched(client, src).size == (800, 1600)
