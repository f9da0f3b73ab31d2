"""A published story's old address keeps working however the story was renamed: the
admin form, a shell, a script, an importer, each through the one after-save step,
``editorial.story_saved``."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles import editorial
from articles.models import Article, SlugRedirect

from ..factories import make_article

pytestmark = pytest.mark.django_db


def story_url(slug):
    return reverse("articles:story", args=[slug])


def rename(story, slug, **save):
    """What a shell or a script does: read the public address, save, take the step."""
    old_slug = editorial.public_slug(story)
    story.slug = slug
    story.save(**save)
    editorial.story_saved(story, old_slug=old_slug)


def test_renaming_through_the_model_keeps_the_old_address(client):
    story = make_article(slug="first-name")
    rename(story, "second-name")
    story = Article.objects.get(pk=story.pk)
    rename(story, "third-name")
    for old in ["first-name", "second-name"]:
        response = client.get(story_url(old))
        assert response.status_code == 301
        assert response["Location"] == "/story/third-name/"
    assert client.get(story_url("third-name")).status_code == 200


def test_renaming_with_update_fields_keeps_it_too(client):
    story = make_article(slug="before")
    rename(story, "after", update_fields=["slug"])
    assert client.get(story_url("before"))["Location"] == "/story/after/"


def test_a_draft_renamed_leaves_no_redirect():
    draft = make_article(slug="draft-one", status=Article.Status.DRAFT)
    rename(draft, "draft-two")
    assert not SlugRedirect.objects.exists()


def test_giving_a_story_its_old_address_back_drops_the_redirect(client):
    story = make_article(slug="one")
    rename(story, "two")
    rename(story, "one")
    assert list(SlugRedirect.objects.values_list("old_slug", flat=True)) == ["two"]
    assert client.get(story_url("one")).status_code == 200
    assert client.get(story_url("two"))["Location"] == "/story/one/"


def test_a_new_story_taking_an_old_address_drops_its_redirect(client):
    story = make_article(slug="old-home")
    rename(story, "new-home")
    newcomer = make_article(slug="old-home", title="The newcomer")
    assert not SlugRedirect.objects.filter(old_slug="old-home").exists()
    assert b"The newcomer" in client.get(story_url("old-home")).content
    assert newcomer.pk != story.pk


def test_a_save_touches_no_redirect():
    """Article.save() keeps the story's own fields only; addresses are the step's."""
    story = make_article(slug="steady")
    story.comments_open = False
    with CaptureQueriesContext(connection) as kept:
        story.save(update_fields=["comments_open"])
    story.title, story.slug = "A new headline", "moved"
    with CaptureQueriesContext(connection) as edited:
        story.save()
    for captured in [kept, edited]:
        assert not [q for q in captured.captured_queries if "slugredirect" in q["sql"]]


@pytest.mark.parametrize("route", ["comments:feed", "comments:atom_feed"])
def test_the_comment_feed_at_the_old_address_redirects_too(client, route):
    story = make_article(slug="first-name")
    rename(story, "second-name")
    response = client.get(reverse(route, args=["first-name"]))
    assert response.status_code == 301
    assert response["Location"] == reverse(route, args=["second-name"])
    assert client.get(response["Location"]).status_code == 200
    assert client.get(reverse(route, args=["never-was"])).status_code == 404
