"""A story's page as stored HTML (articles/stored.py): made once, read with the
story's row, and made again whenever anything it shows changes, however it is
changed."""

import pytest
from django.test import Client
from taggit.models import Tag

from articles import stored, tasks
from articles.models import StoryHTML
from comments import decisions
from comments.models import Comment
from doggydiary import fragments

from ..factories import make_article, make_comment, make_image

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def from_scratch(settings):
    """Nothing kept: every request renders, as `make bench` measures it."""
    settings.PAGE_CACHE = False
    settings.FRAGMENT_CACHE = False


def page(story):
    response = Client().get(story.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def story():
    photo = make_image(alt="The writer in a hat")
    story = make_article(
        title="Stored story", hero_image=make_image(caption="A dog on a beach"), tags=["beaches"]
    )
    story.author.photo = photo
    story.author.save()
    return story


def test_the_first_reader_stores_it_and_the_next_reads_it(story, django_assert_num_queries):
    assert not StoryHTML.objects.filter(article=story).exists()
    first = page(story)
    made = StoryHTML.objects.get(article=story)
    assert "A dog on a beach" in made.parts["main"]
    # The story's row with its stored HTML (and first page of comments), its
    # neighbours and related stories, the discussion settings and the navigation.
    with django_assert_num_queries(7):
        again = page(story)
    assert again == first
    assert StoryHTML.objects.get(article=story).made_at == made.made_at


def rename_author(story):
    story.author.name = "Renamed Writer"
    story.author.save()
    return "Renamed Writer"


def rename_section(story):
    story.category.name = "Renamed Section"
    story.category.save()
    return "Renamed Section"


def recaption_hero(story):
    story.hero_image.caption = "A dog in the sea"
    story.hero_image.save()
    return "A dog in the sea"


def describe_photo(story):
    story.author.photo.alt = "The writer without a hat"
    story.author.photo.save()
    return "The writer without a hat"


def rename_tag(story):
    tag = Tag.objects.get(name="beaches")
    tag.name = "seasides"
    tag.save()
    return "seasides"


def add_tag(story):
    story.tags.add("harbours")
    return "harbours"


def retitle_story(story):
    story.title = "Stored story, retitled"
    story.save()
    return "Stored story, retitled"


@pytest.mark.parametrize(
    "change",
    [rename_author, rename_section, recaption_hero, describe_photo, rename_tag, add_tag,
     retitle_story],
)  # fmt: skip
def test_a_change_to_anything_it_shows_shows_at_once(story, change):
    page(story)
    shown = change(story)
    assert not StoryHTML.objects.filter(article=story).exists()  # gone with the change
    assert shown in page(story)


def test_renditions_made_after_the_story_show_on_its_page(story):
    hero = make_image(ready=False, caption="Waiting for its renditions")
    story.hero_image = hero
    story.save()
    before = page(story)
    assert "image/avif" not in before.split("story__body")[0]
    key = tasks.images.rendition_key(hero)
    tasks.images.make_renditions(hero)
    tasks.mark_ready(hero, key)  # as the task worker does, with a queryset update
    after = page(story)
    assert 'type="image/webp"' in after.split("story__body")[0]


def test_the_comment_count_is_filled_at_each_render(story):
    page(story)
    made = StoryHTML.objects.get(article=story).made_at
    pending = make_comment(story, name="Counted", status=Comment.Status.PENDING)
    assert "1 comment" not in page(story)
    decisions.approve(Comment.objects.filter(pk=pending.pk), None)
    shown = page(story)
    assert '<a href="#comments">1 comment</a>' in shown
    assert StoryHTML.objects.get(article=story).made_at == made  # not made again


def test_a_new_release_makes_it_again(story, settings):
    page(story)
    old = StoryHTML.objects.get(article=story).stamp
    settings.RELEASE = "a-later-release"
    fragments.release.cache_clear()
    try:
        page(story)
        assert StoryHTML.objects.get(article=story).stamp != old
        assert StoryHTML.objects.get(article=story).stamp.startswith("a-later-release|")
    finally:
        fragments.release.cache_clear()


def test_another_site_address_never_gets_this_ones_links(story, settings):
    settings.SITE_URL = ""
    settings.ALLOWED_HOSTS = ["one.example", "two.example"]
    one = Client().get(story.get_absolute_url(), HTTP_HOST="one.example").content.decode()
    two = Client().get(story.get_absolute_url(), HTTP_HOST="two.example").content.decode()
    assert 'content="http://one.example/story/' in one
    assert "two.example" not in one
    assert 'content="http://two.example/story/' in two
    assert "one.example" not in two


def test_a_deleted_story_takes_its_html_with_it(story):
    page(story)
    story.delete()
    assert not StoryHTML.objects.exists()


def test_made_from_the_same_templates_as_a_preview(story, admin_client):
    """The stored parts and the preview (made live) are the same markup."""
    reader = page(story)
    preview = admin_client.get(f"/admin/articles/article/{story.pk}/preview/").content.decode()
    start, end = '<article class="story"', "</aside>"
    read_part = reader[reader.index(start) : reader.index(end)]
    preview_part = preview[preview.index(start) : preview.index(end)]
    # The reader's copy tells the readership counter it was seen; a preview does not.
    assert read_part.replace(f' data-read="/read/{story.pk}/"', "") == preview_part
    assert stored.STORY_FIELDS  # the story row reads no body
    assert "body_html" not in stored.STORY_FIELDS
