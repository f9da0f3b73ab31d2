"""The page cache for anonymous readers: pages change the moment what they show
changes, personal pages never come from it, the comment form's time is asked for
apart from the page, and a changed busy page is rendered once."""

import threading
import time
import zlib
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from articles import editorial
from articles.models import Article
from comments import decisions, privacy
from comments.models import Comment, DiscussionSettings
from comments.tokens import COOKIE_NAME, pending_token, seconds_since_shown
from doggydiary import fragments, pagecache

from ..factories import make_article, make_comment, make_image, make_user
from ..helpers import post_comment

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE = True
    DiscussionSettings.load()  # made on first use, which is itself a change


def fetch(client, url, **kwargs):
    response = client.get(url, **kwargs)
    assert response.status_code == 200, url
    return response


def cached(client, url):
    """Fetch ``url`` until it comes from the cache; return its text."""
    fetch(client, url)
    response = fetch(client, url)
    assert response["X-Page-Cache"] == "hit", url
    return response.content.decode()


@pytest.fixture
def story():
    return make_article(title="The old headline", tags=["rescue"], hero_image=make_image())


# -- invalidation: one test per kind of change ---------------------------------


def test_publishing_a_story_shows_it_on_the_cached_home(client, story):
    draft = make_article(title="Hot off the press", status=Article.Status.DRAFT,
                         hero_image=make_image())  # fmt: skip
    assert "Hot off the press" not in cached(client, "/")
    editorial.act(draft, editorial.Action.PUBLISH, make_user("ed"))
    assert "Hot off the press" in fetch(client, "/").content.decode()


def test_unpublishing_a_story_takes_it_off_every_cached_page(client, story):
    url = story.get_absolute_url()
    cached(client, url)
    cached(client, "/")
    editorial.act(story, editorial.Action.UNPUBLISH, make_user("ed"))
    assert client.get(url).status_code == 404
    assert "The old headline" not in fetch(client, "/").content.decode()


def test_editing_and_reslugging_a_story(client, story):
    old_url, old_slug = story.get_absolute_url(), story.slug
    cached(client, old_url)
    story.title, story.slug = "The new headline", "the-new-slug"
    story.save()
    editorial.story_saved(story, old_slug=old_slug)
    assert client.get(old_url).status_code == 301
    assert "The new headline" in fetch(client, story.get_absolute_url()).content.decode()


def test_approving_trashing_and_erasing_comments(client, story):
    url = story.get_absolute_url()
    pending = make_comment(story, status=Comment.Status.PENDING, body="Pending words",
                           email="pat@example.com")  # fmt: skip
    assert "Pending words" not in cached(client, url)
    decisions.approve(Comment.objects.filter(pk=pending.pk), None)
    assert "Pending words" in cached(client, url)
    decisions.trash(Comment.objects.filter(pk=pending.pk), None)
    assert "Pending words" not in cached(client, url)
    decisions.approve(Comment.objects.filter(pk=pending.pk), None)
    assert "Pending words" in cached(client, url)
    privacy.erase_personal_data("pat@example.com")
    assert "Pending words" not in fetch(client, url).content.decode()


@pytest.mark.parametrize("change", ["author", "section", "tag", "picture"])
def test_editing_what_a_story_shows(client, story, change):
    url = story.get_absolute_url()
    cached(client, url)
    if change == "author":
        story.author.name = "Renamed Writer"
        story.author.save()
        expected = "Renamed Writer"
    elif change == "section":
        story.category.name = "Renamed Section"
        story.category.save()
        expected = "Renamed Section"
    elif change == "tag":
        tag = Tag.objects.get(name="rescue")
        tag.name = "renamed-tag"
        tag.save()
        expected = "renamed-tag"
    else:
        story.hero_image.caption = "A renamed caption"
        story.hero_image.save()
        expected = "A renamed caption"
    assert expected in fetch(client, url).content.decode()


def test_changing_the_discussion_settings(client, story):
    url = story.get_absolute_url()
    assert "Leave a Reply" in cached(client, url)
    rules = DiscussionSettings.load()
    rules.close_after_days = 1
    rules.save()
    story.publish_at = timezone.now() - timedelta(days=3)
    Article.objects.filter(pk=story.pk).update(publish_at=story.publish_at)  # no signal
    # Only the settings' save moved the generation: the form is gone at once.
    assert "Leave a Reply" not in fetch(client, url).content.decode()


def test_a_scheduled_story_appears_on_the_cached_home_at_its_time(client, story):
    soon = timezone.now() + timedelta(seconds=1)
    make_article(title="Scheduled for now", publish_at=soon)
    assert "Scheduled for now" not in cached(client, "/")
    deadline = time.monotonic() + 10
    while timezone.now() <= soon and time.monotonic() < deadline:
        time.sleep(0.05)
    response = fetch(client, "/")
    assert response["X-Page-Cache"] == "miss"
    assert "Scheduled for now" in response.content.decode()


# -- personal pages ---------------------------------------------------------


def assert_never_cached(response):
    assert response["X-Page-Cache"] == "bypass"


def test_pending_link_cookie_staff_preview_post_and_errors_bypass(client, story, admin_client):
    url = story.get_absolute_url()
    comment = make_comment(story, status=Comment.Status.PENDING)
    for _ in range(2):
        assert_never_cached(client.get(url, {"pending": pending_token(comment)}))
        client.cookies[COOKIE_NAME] = "anything"
        assert_never_cached(client.get(url))
        del client.cookies[COOKIE_NAME]
        assert_never_cached(admin_client.get(url))
        preview = reverse("admin:articles_article_preview", args=[story.pk])
        assert_never_cached(admin_client.get(preview))
        assert_never_cached(post_comment(client, story, body="A post"))
        missing = client.get("/story/no-such-story/")
        assert missing.status_code == 404
        assert missing["X-Page-Cache"] == "bypass"


# -- the comment form's time token --------------------------------------------


def test_the_kept_page_carries_no_time_and_the_form_asks_for_a_fresh_one(story, settings):
    """The stored page is the same bytes for every reader (no per-reader token spliced
    in); the form's time comes from comments:form_shown, which sets no cookie."""
    settings.COMMENT_MIN_SECONDS = 3
    url = story.get_absolute_url()
    first, second = Client(), Client()
    fetch(first, url)
    one, two = fetch(first, url), fetch(second, url)
    assert one["X-Page-Cache"] == two["X-Page-Cache"] == "hit"
    assert one.content == two.content
    assert 'name="shown" value=' not in one.content.decode()
    asked = second.get(reverse("comments:form_shown"))
    assert asked.status_code == 200
    assert not asked.cookies
    assert "no-store" in asked["Cache-Control"]
    token = asked.content.decode()
    assert seconds_since_shown(token) < 1
    # A robot that posts straight after asking for a time is refused.
    response = post_comment(second, story, shown=token)
    assert response.status_code == 400
    assert b"quicker than a person" in response.content


def test_a_form_sent_without_a_time_is_shown_again_with_one(client, story, settings):
    """A reader without JavaScript sends the kept page's form as it is: it comes back
    with their text and a time of its own, and the second send goes through."""
    settings.COMMENT_MIN_SECONDS = 1
    cached(client, story.get_absolute_url())
    refused = post_comment(client, story, shown="", body="Typed without scripts.")
    assert refused.status_code == 400
    assert "Typed without scripts." in refused.content.decode()
    token = token_in(refused)
    time.sleep(1.1)
    assert (
        post_comment(client, story, shown=token, body="Typed without scripts.").status_code == 303
    )


def token_in(response):
    return token_in_text(response.content.decode())


def token_in_text(html):
    start = html.index('name="shown" value="') + len('name="shown" value="')
    return html[start : html.index('"', start)]


# -- compressed hits ----------------------------------------------------------


def gunzip_strictly(data):
    """Decompress one gzip member, checking its CRC-32 and length as browsers do."""
    reader = zlib.decompressobj(wbits=31)
    text = reader.decompress(data)
    assert reader.eof
    assert not reader.unused_data  # one whole member, trailer checked
    return text


@pytest.mark.parametrize("url", ["story", "/", "/feed/"])
def test_a_browser_that_accepts_gzip_gets_the_stored_page_compressed(client, story, url):
    url = story.get_absolute_url() if url == "story" else url
    plain = cached(client, url)
    zipped = fetch(client, url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert zipped["X-Page-Cache"] == "hit"
    assert zipped["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in zipped["Vary"]
    assert len(zipped.content) < len(plain.encode())
    assert gunzip_strictly(zipped.content).decode() == plain


def test_head_and_304_for_a_compressed_hit(client, story):
    url = story.get_absolute_url()
    cached(client, url)
    head = client.head(url, HTTP_ACCEPT_ENCODING="gzip")
    assert head["Content-Encoding"] == "gzip"
    assert head.content == b""
    zipped = fetch(client, url, HTTP_ACCEPT_ENCODING="gzip")
    assert int(head["Content-Length"]) == pytest.approx(len(zipped.content), abs=8)
    again = client.get(url, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=zipped["ETag"])
    assert again.status_code == 304
    assert again.content == b""


@pytest.mark.parametrize("url", ["story", "/", "/feed/", "/sitemap.xml"])
def test_a_hit_carries_the_headers_the_page_was_made_with(client, story, url):
    """A hit is served before the middleware that set the security policy runs again:
    the stored page keeps its headers, so a hit says all a miss said."""
    url = story.get_absolute_url() if url == "story" else url
    own = {"Date", "Content-Length", "ETag", "Last-Modified", "X-Page-Cache"}
    for encoding in ("", "gzip"):
        client = Client()
        made = fetch(Client(), url, HTTP_ACCEPT_ENCODING=encoding)
        hit = fetch(client, url, HTTP_ACCEPT_ENCODING=encoding)
        assert (made["X-Page-Cache"], hit["X-Page-Cache"]) == ("miss", "hit")
        assert {k: v for k, v in hit.items() if k not in own} == {
            k: v for k, v in made.items() if k not in own
        }
        for name in ("Content-Security-Policy", "Permissions-Policy", "X-Frame-Options",
                     "Cross-Origin-Resource-Policy", "X-Content-Type-Options"):  # fmt: skip
            assert hit[name], name
        cache.clear()
        fragments.forget()
        pagecache._local.clear()


def test_a_page_that_is_not_stored_is_still_compressed(client, story):
    missing = client.get("/story/no-such-story/", HTTP_ACCEPT_ENCODING="gzip")
    assert missing.status_code == 404
    assert missing["X-Page-Cache"] == "bypass"
    assert missing["Content-Encoding"] == "gzip"
    assert b"<html" in gunzip_strictly(missing.content)


# -- conditional requests ---------------------------------------------------


def test_etag_and_last_modified_give_304(client, story):
    url = story.get_absolute_url()
    fetch(client, url)
    hit = fetch(client, url)
    again = client.get(url, headers={"if-none-match": hit["ETag"]})
    assert again.status_code == 304
    since = client.get(url, headers={"if-modified-since": hit["Last-Modified"]})
    assert since.status_code == 304
    assert "public" in hit["Cache-Control"]
    assert "s-maxage" in hit["Cache-Control"]


# -- no stampede ------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_concurrent_readers_after_a_change_cause_one_render(monkeypatch):
    from articles import front

    make_article(title="First", hero_image=make_image())
    renders = []
    original = front.stories

    def counting(*args, **kwargs):
        renders.append(1)
        time.sleep(0.2)  # a slow render, so the others arrive while it runs
        return original(*args, **kwargs)

    monkeypatch.setattr(front, "stories", counting)
    fetch(Client(), "/")
    make_article(title="Second", hero_image=make_image())  # the home page changes
    renders.clear()
    results = []

    def read():
        results.append(Client().get("/"))

    threads = [threading.Thread(target=read) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert len(results) == 8
    assert all(r.status_code == 200 for r in results)
    assert len(renders) == 1
    states = sorted(r["X-Page-Cache"] for r in results)
    assert states.count("miss") == 1
    assert set(states) <= {"miss", "stale", "hit"}
