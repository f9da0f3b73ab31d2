"""Pages made for one reader (doggydiary/fragments.py): the parts of listings and
the navigation are kept between renders; a story page keeps nothing (its stored HTML
and plain rows are quicker than a cache read). Either way every change shows the
moment it is made, and one reader's own pending comment is never shown to another."""

import os
import time

import pytest
from django.core import signing
from django.test import Client

from articles import editorial
from articles.models import PinnedRelation
from comments import decisions
from comments.models import Comment, DiscussionSettings
from comments.tokens import COOKIE_NAME, COOKIE_SALT, pending_token
from doggydiary import fragments

from ..factories import make_article, make_comment, make_image

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
    assert 'value="Robin"' in personal
    assert 'value="Robin"' not in anonymous
    for part in ["First reader", "A related tale", "More like this"]:
        assert part in anonymous
        assert part in personal


def test_a_personal_story_page_reads_the_same_as_one_from_scratch(
    story, settings, django_assert_num_queries
):
    """Keeping the story page's parts cost more than reading them (issue 18): a page
    for a remembered reader reads them as a page from scratch does."""
    reader = remembered_reader()
    cold = page(reader, story)
    fragments.forget()
    # Its row with its stored HTML and first page of threads, its neighbours (alone in
    # its section: the next is the magazine's newest), related stories and discussion
    # settings; only the navigation and footer, the same on every page, are kept.
    with django_assert_num_queries(6):
        warm = page(reader, story)
    # Once as the next story, once as a related story; the form filled for Robin.
    assert warm.count("A related tale") == cold.count("A related tale") == 2
    assert 'value="Robin"' in warm
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
    assert "Waiting Wendy" in own
    assert "Approved Ada" in own
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
    reader = remembered_reader()
    reader.get("/")
    # The front page's own, as test_queries.py counts them, where kept parts make none.
    with django_assert_num_queries(8):
        reader.get("/")


def test_a_new_release_starts_with_fresh_parts(story, settings):
    page(Client(), story)
    key = fragments.key("frag", "anything", {"content": 1})
    settings.RELEASE = "next"
    fragments.release.cache_clear()
    try:
        assert fragments.key("frag", "anything", {"content": 1}) != key
    finally:
        fragments.release.cache_clear()


def test_a_renamed_section_shows_in_the_navigation_at_once(story):
    reader = remembered_reader()
    assert story.category.name in page(reader, story)
    story.category.name = "Renamed Section"
    story.category.save()
    assert "Renamed Section" in page(reader, story)


# -- listings: the home page and the archives ---------------------------------


def listing(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def test_kept_listings_make_no_query_and_show_a_new_story_at_once(story, django_assert_num_queries):
    reader = remembered_reader()
    section = story.category.get_absolute_url()
    listing(reader, "/"), listing(reader, section)
    fragments.forget()  # this worker's copies gone: read from the shared cache
    with django_assert_num_queries(0):
        home = listing(reader, "/")
    with django_assert_num_queries(1):  # the section itself, for its header
        archive = listing(reader, section)
    assert "Main story" in home
    assert "Main story" in archive
    make_article(title="Fresh off the press", category=story.category)
    assert "Fresh off the press" in listing(reader, "/")
    assert "Fresh off the press" in listing(reader, section)


def test_each_page_of_a_listing_is_its_own(story, settings):
    settings.ARTICLES_PER_PAGE = 2
    for n in range(4):
        make_article(title=f"Older story {n}", category=story.category)
    first, second = listing(Client(), "/"), listing(Client(), "/", page="2")
    assert "Latest stories, page 2" in second
    assert "Latest stories, page 2" not in first
    assert listing(Client(), "/") == first  # kept: the same bytes again
    assert Client().get("/", {"page": "99"}).status_code == 404


def test_a_retitled_story_and_a_renamed_author_show_on_kept_listings(story):
    reader = remembered_reader()
    author = story.author
    assert "Main story" in listing(reader, author.get_absolute_url())
    story.title = "Main story, retitled"
    story.save()
    author.name = "Renamed Writer"
    author.save()
    archive = listing(reader, author.get_absolute_url())
    assert "Main story, retitled" in archive
    assert "Renamed Writer" in archive
    assert "Renamed Writer" in listing(reader, "/")


def test_a_scheduled_story_appears_on_a_kept_home_page_at_its_time(story):
    from datetime import timedelta

    from django.utils import timezone

    reader = remembered_reader()
    soon = timezone.now() + timedelta(seconds=1)
    make_article(title="Scheduled for the home page", publish_at=soon)
    assert "Scheduled for the home page" not in listing(reader, "/")
    deadline = time.monotonic() + 10
    while timezone.now() <= soon and time.monotonic() < deadline:
        time.sleep(0.05)
    assert "Scheduled for the home page" in listing(reader, "/")


def test_a_tag_only_drafts_use_stays_a_404_until_a_story_is_published(story):
    draft = make_article(title="Draft only", tags=["secret-plans"], status="draft")
    assert Client().get("/tag/secret-plans/").status_code == 404
    draft.status = "published"
    draft.save()
    editorial.story_saved(draft)  # the tag rows take the publish time
    assert "Draft only" in listing(Client(), "/tag/secret-plans/")


def test_a_new_stylesheet_is_a_new_release(settings, tmp_path):
    """Pages name their stylesheet by its content hash: HTML kept from before a CSS-only
    deploy would go on naming the old one."""
    settings.RELEASE = ""
    settings.BASE_DIR = tmp_path
    stylesheet = tmp_path / "static" / "css" / "site.css"
    stylesheet.parent.mkdir(parents=True)
    stylesheet.write_text("body { color: black; }")
    fragments.release.cache_clear()
    try:
        before = fragments.release()
        stylesheet.write_text("body { color: navy; }")
        fragments.release.cache_clear()
        assert fragments.release() != before
    finally:
        fragments.release.cache_clear()


def test_two_machines_with_the_same_files_agree_on_the_release(settings, tmp_path):
    """Two application machines installed at different times share pages and stored
    HTML through one cache and one database: the same files are the same release, or
    each would make again what the other made, on every read."""
    settings.RELEASE = ""
    releases = []
    for machine, installed in (("a", 1_000_000_000), ("b", 1_700_000_000)):
        base = tmp_path / machine
        for name, text in (("static/css/site.css", "body {}"), ("templates/base.html", "<p>")):
            path = base / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
            os.utime(path, (installed, installed))
        settings.BASE_DIR = base
        fragments.release.cache_clear()
        releases.append(fragments.release())
    fragments.release.cache_clear()
    assert releases[0] == releases[1]


def test_an_approved_comment_counts_on_kept_listings_within_the_stated_time(story, settings):
    """Listings' card counts may lag LISTING_COUNTS_SECONDS (issue 18), no more."""
    settings.LISTING_COUNTS_SECONDS = 1
    reader = remembered_reader()
    section = story.category.get_absolute_url()
    assert "1 comment" not in listing(reader, "/")
    assert "1 comment" not in listing(reader, section)
    pending = make_comment(story, name="Counted Carla", status=Comment.Status.PENDING)
    decisions.approve(Comment.objects.filter(pk=pending.pk), None)
    time.sleep(1.1)
    assert "1 comment" in listing(reader, "/")
    assert "1 comment" in listing(reader, section)


def test_a_comment_on_a_related_story_leaves_the_story_page_kept(story, settings):
    """Related stories' cards show no comment count, so a comment on one of them is no
    change to this story's page: it stays a page-cache hit (issue 18)."""
    settings.PAGE_CACHE = True
    related = story.pinned_related.get()
    make_comment(related, name="Counted Cole")
    client = Client()
    client.get(story.get_absolute_url())
    assert client.get(story.get_absolute_url())["X-Page-Cache"] == "hit"
    pending = make_comment(related, name="Counted Cole", status=Comment.Status.PENDING)
    decisions.approve(Comment.objects.filter(pk=pending.pk), None)
    again = client.get(story.get_absolute_url())
    assert again["X-Page-Cache"] == "hit"
    assert (
        "comment"
        not in again.content.decode().split('id="more-like-this"', 1)[-1].split("</section>")[0]
    )
