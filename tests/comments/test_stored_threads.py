"""The first page of a story's threads, stored beside its HTML (comments.threads): made
by the first reader after its comments change, read with the story's row after that,
never stored from comments read before a change, and made again for other settings
or when the discussion closes."""

import time
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from articles.models import StoryHTML
from comments import decisions, threads, tokens
from comments.models import Comment, DiscussionSettings

from ..factories import make_article, make_comment, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def from_scratch(settings):
    """Nothing kept: every request renders, as `make bench` measures it."""
    settings.PAGE_CACHE = False
    settings.FRAGMENT_CACHE = False


def page(story, query=""):
    response = Client().get(story.get_absolute_url() + query)
    assert response.status_code == 200
    return response.content.decode()


def kept(story):
    return StoryHTML.objects.values_list("threads_stamp", "threads_version", "threads_html").get(
        article=story
    )


@pytest.fixture
def story():
    story = make_article(title="A busy discussion")
    make_comment(story, name="First Reader", body="The first word.")
    return story


def test_the_first_reader_stores_it_and_the_next_reads_it(story, django_assert_num_queries):
    first = page(story)
    stamp, _, html = kept(story)
    assert stamp
    assert "The first word." in html
    # The story's row with its stored HTML and first page of threads, its neighbours
    # (three reads: it is its section's only story), the discussion settings and the
    # navigation (two): no query of the comments.
    with django_assert_num_queries(7):
        again = page(story)
    assert again == first


def test_an_approved_comment_shows_at_once(story):
    page(story)
    waiting = make_comment(story, name="Second Reader", body="Late.", status="pending")
    assert "Late." not in page(story)
    decisions.approve(Comment.objects.filter(pk=waiting.pk), make_user("moderator"))
    assert kept(story)[0] == ""
    shown = page(story)
    assert "Late." in shown
    assert "2 comments" in shown
    assert "Late." in kept(story)[2]


def test_a_removed_comment_goes_at_once(story):
    gone = make_comment(story, name="Spammer", body="Buy things.")
    assert "Buy things." in page(story)
    decisions.mark_spam(Comment.objects.filter(pk=gone.pk), make_user("moderator"))
    assert "Buy things." not in page(story)


def test_a_page_made_from_comments_read_before_a_change_is_not_stored(story, monkeypatch):
    """A comment approved while a reader's page is made, after its comments were read
    and before it is stored: that page is shown to its reader but not stored."""
    page(story)
    make_comment(story, name="Second Reader", body="Second.")  # not stored now
    made = threads.thread_list

    def approved_meanwhile(*args):
        html = made(*args)
        monkeypatch.setattr(threads, "thread_list", made)
        make_comment(story, name="Quick Reader", body="Just in.")
        return html

    monkeypatch.setattr(threads, "thread_list", approved_meanwhile)
    assert "Just in." not in page(story)
    assert kept(story)[0] == ""
    assert "Just in." in page(story)
    assert "Just in." in kept(story)[2]


def test_a_pending_comment_is_shown_to_its_writer_and_never_stored(story):
    page(story)
    waiting = make_comment(story, name="Newcomer", body="Is this on?", status="pending")
    own = page(story, f"?pending={tokens.pending_token(waiting)}")
    assert "Is this on?" in own
    assert "Is this on?" not in kept(story)[2]
    assert "Is this on?" not in page(story)


def test_other_settings_make_it_again(story):
    for n in range(3):
        make_comment(story, name=f"Reader {n}", body=f"Thread {n}.")
    page(story)
    rules = DiscussionSettings.load()
    rules.comments_per_page = 2
    rules.save()
    shown = page(story)
    assert "Comments page 1 of 2" in shown
    assert "Thread 2." not in shown
    assert kept(story)[0].endswith("|2|" + str(rules.thread_depth))


def test_when_the_discussion_closes_its_reply_links_go(story):
    rules = DiscussionSettings.load()
    rules.close_after_days = 1
    rules.save()
    closing = make_article(
        title="Closing soon", publish_at=timezone.now() - timedelta(days=1, seconds=-2)
    )
    make_comment(closing, name="Early Reader", body="Just in time.")
    assert "?replytocom=" in page(closing)
    assert "?replytocom=" in kept(closing)[2]
    time.sleep(3)  # the story is now older than a day: its discussion is closed
    shown = page(closing)
    assert "Just in time." in shown
    assert "?replytocom=" not in shown
    assert "Comments are closed on this story." in shown
