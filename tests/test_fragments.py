"""Parts of the story page kept between renders (doggydiary/fragments.py): a page
made for one reader reuses them, yet shows every change the moment it is made, and
never shows one reader's own pending comment to another."""

import pytest
from django.core import signing
from django.test import Client

from articles.models import PinnedRelation
from comments import decisions
from comments.models import Comment, DiscussionSettings
from comments.tokens import COOKIE_NAME, COOKIE_SALT, pending_token
from doggydiary import fragments

from .factories import make_article, make_comment, make_image

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def renders(settings):
    """Every request here is rendered: the page cache is off, the fragments on."""
    settings.PAGE_CACHE = False
    settings.FRAGMENT_CACHE = True
    DiscussionSettings.load()


def remembered_reader():
    """A reader whose browser holds the "remember me" cookie: a personal page."""
    client = Client()
    value = {"name": "Robin", "email": "robin@example.com", "website": "", "key": "k"}
    client.cookies[COOKIE_NAME] = signing.dumps(value, salt=COOKIE_SALT, compress=True)
    return client


def page(client, story, **params):
    response = client.get(story.get_absolute_url(), params)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def story():
    story = make_article(title="Main story", hero_image=make_image())
    other = make_article(title="A related tale", hero_image=make_image())
    PinnedRelation.objects.create(from_article=story, to_article=other)
    return story


def test_a_personal_page_is_the_anonymous_page_with_its_form_filled(story):
    make_comment(story, name="First reader", body="Nice one.")
    anonymous, personal = page(Client(), story), page(remembered_reader(), story)
    assert 'value="Robin"' in personal and 'value="Robin"' not in anonymous
    for part in ["First reader", "A related tale", "More like this"]:
        assert part in anonymous and part in personal


def test_kept_parts_are_reused_then_made_again_after_a_change(story, django_assert_num_queries):
    reader = remembered_reader()
    cold = page(reader, story)
    fragments.forget()  # this worker's copies gone: read from the shared cache
    with django_assert_num_queries(0):  # the story, its parts, all kept
        warm = page(reader, story)
    assert warm.count("A related tale") == cold.count("A related tale") == 1
    make_comment(story, name="Later reader", body="Approved just now.")
    assert "Later reader" in page(reader, story)


def test_an_approved_comment_and_an_edited_related_story_show_at_once(story):
    reader = remembered_reader()
    pending = make_comment(story, name="Patient Pat", status=Comment.Status.PENDING)
    assert "Patient Pat" not in page(reader, story)
    decisions.approve(Comment.objects.filter(pk=pending.pk), None)
    assert "Patient Pat" in page(reader, story)
    related = story.pinned_related.get()
    related.title = "A retitled tale"
    related.save()
    assert "A retitled tale" in page(reader, story)
    story.title = "Main story, corrected"
    story.save()
    assert "Main story, corrected" in page(reader, story)


def test_ones_own_pending_comment_stays_ones_own(story):
    make_comment(story, name="Approved Ada")
    mine = make_comment(story, name="Waiting Wendy", status=Comment.Status.PENDING)
    own = page(Client(), story, pending=pending_token(mine))
    assert "Waiting Wendy" in own and "Approved Ada" in own
    for reader in (Client(), remembered_reader()):
        assert "Waiting Wendy" not in page(reader, story)


def test_settings_that_change_the_threads_change_them(story):
    make_comment(story, name="Ada")
    assert "Reply to Ada" in page(Client(), story)
    rules = DiscussionSettings.load()
    rules.thread_depth = 1  # no replies
    rules.save()
    assert "Reply to Ada" not in page(Client(), story)


def test_off_means_every_render_from_scratch(story, settings, django_assert_num_queries):
    settings.FRAGMENT_CACHE = False
    page(Client(), story)
    with django_assert_num_queries(6):
        page(Client(), story)


def test_a_new_release_starts_with_fresh_parts(story, settings):
    page(Client(), story)
    key = fragments._key("anything", {"content": 1})
    settings.RELEASE = "next"
    fragments.release.cache_clear()
    try:
        assert fragments._key("anything", {"content": 1}) != key
    finally:
        fragments.release.cache_clear()


def test_a_renamed_section_shows_in_the_navigation_at_once(story):
    reader = remembered_reader()
    assert story.category.name in page(reader, story)
    story.category.name = "Renamed Section"
    story.category.save()
    assert "Renamed Section" in page(reader, story)
