"""A demo that looks like a magazine (issue 23): each story's picture its own scene,
framing and light; authors drawn as people; and editors told, with the crop shown,
when a picture's shape will be cropped."""

import io
import itertools
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from PIL import ImageChops, ImageStat

from articles.admin.crops import crop_note
from articles.demo import read_catalogue
from articles.demo.portraits import draw_portrait
from articles.demo.scenes import draw_scene
from articles.models import Article, Author, Image

from ..factories import make_article, make_image, story_form
from ..helpers import change_url


def scenes():
    pictures = read_catalogue()["pictures"]
    return {key: item for key, item in pictures.items() if item["drawing"] == "scene"}


def drawn(item, width=192):
    w, h = item["size"]
    size = (width, round(width * h / w))
    return draw_scene(
        item["motif"], tuple(item["palette"]), size, item["seed"],
        setting=item.get("setting"), light=item.get("light"), framing=item.get("framing"),
    )  # fmt: skip


def test_every_story_has_its_own_scene_framing_and_light():
    items = scenes()
    heroes = {key: item for key, item in items.items() if key.startswith("hero-")}
    assert len({item["setting"] for item in items.values()}) >= 6
    assert len({item["light"] for item in items.values()}) >= 5
    assert len({item["framing"] for item in items.values()}) == 3
    # No two heroes are drawn the same way, and none looks like another.
    ways = [(i["motif"], i["setting"], i["light"], i["framing"]) for i in heroes.values()]
    assert len(set(ways)) == len(ways)
    thumbnails = {key: drawn(item).resize((48, 32)) for key, item in heroes.items()}
    for (a, one), (b, other) in itertools.combinations(thumbnails.items(), 2):
        difference = ImageStat.Stat(ImageChops.difference(one, other).convert("L")).mean[0]
        assert difference > 8, (a, b, difference)


def test_the_same_seed_draws_the_same_picture_and_says_where_its_subject_is():
    item = scenes()["hero-marmalade-the-bus-cat"]
    first, second = drawn(item), drawn(item)
    assert first.tobytes() == second.tobytes()
    focal_x, focal_y = first.info["focal"]
    assert 0 < focal_x < 1
    assert 0 < focal_y < 1


@pytest.mark.parametrize(
    "motif", ["dog", "cat", "dog_and_cat", "paw", "bone", "ball", "house", "heart"]
)
def test_the_generator_gets_varied_pictures_from_seeds(motif):
    palette = ("#cfe8f5", "#9cc27a", "#8a5a3b")
    pictures = [draw_scene(motif, palette, (160, 100), seed) for seed in range(6)]
    assert len({picture.tobytes() for picture in pictures}) == 6


def test_portraits_are_people_not_silhouettes():
    catalogue = read_catalogue()["pictures"]
    portraits = [item for item in catalogue.values() if item["drawing"] == "portrait"]
    assert len(portraits) >= 3
    for item in portraits:
        picture = draw_portrait(item["initials"], item["palette"], 256, look=item["look"])
        colours = picture.quantize(16).convert("RGB").getcolors()
        assert len([c for c in colours if c[0] > 200]) >= 6  # skin, hair, clothes, face...
        face = picture.crop((96, 90, 160, 150))  # eyes, nose and mouth are drawn
        assert ImageStat.Stat(face.convert("L")).extrema[0][0] < 60
    looks = {tuple(sorted(item["look"].items())) for item in portraits}
    assert len(looks) == len(portraits)


@pytest.mark.django_db
def test_demo_pictures_have_their_subject_as_focal_point():
    call_command("load_demo", scale=0.2, stdout=io.StringIO())
    heroes = Image.objects.filter(title__startswith="Demo hero")
    assert heroes.count() >= 15
    assert len({(image.focal_x, image.focal_y) for image in heroes}) >= 4
    assert all(Author.objects.values_list("photo__title", flat=True))


@pytest.mark.django_db
class TestCropNote:
    def test_a_tall_picture_says_it_will_be_cropped_and_shows_the_crop(self):
        tall = make_image(800, 1600, focal_y=0.2)
        note = crop_note(tall, "hero", "a story's hero")
        assert "This picture will be cropped" in note
        assert "tall (800 × 1600 pixels)" in note
        kept = re.search(r"left:([\d.]+)%;top:([\d.]+)%;width:([\d.]+)%;height:([\d.]+)%", note)
        left, top, width, height = map(float, kept.groups())
        # 3:2 of an 800-wide picture is 533 high: a third of it, taken about the focal point.
        assert (left, width) == (0, 100)
        assert height == pytest.approx(33.31, abs=0.1)
        assert top == pytest.approx(3.31, abs=0.1)
        assert "keeping the outlined 33%" in note

    def test_a_three_by_two_picture_needs_no_note(self):
        assert crop_note(make_image(1200, 800)) == ""
        assert crop_note(make_image(1210, 800)) == ""

    def test_the_story_form_and_the_library_show_it(self, client, editor):
        tall = make_image(600, 900)
        story = make_article(hero_image=tall)
        html = client.get(change_url(story)).content.decode()
        assert "This picture will be cropped" in html
        assert "a story&#x27;s hero" in html
        html = client.get(reverse("admin:articles_image_change", args=[tall.pk])).content.decode()
        assert "This picture will be cropped" in html
        wide = make_image(1500, 1000)
        response = client.post(change_url(story), story_form(story, hero_image=wide.pk))
        assert response.status_code == 302
        story = Article.objects.get(pk=story.pk)
        assert "will be cropped" not in client.get(change_url(story)).content.decode()

    def test_the_picker_gives_the_note_for_the_chosen_picture(self, client, editor):
        make_image(600, 900, title="Tall one")
        data = client.get(reverse("admin:articles_article_pictures")).json()
        (picture,) = data["results"]
        assert "This picture will be cropped" in picture["crop_note"]
