"""One caching model (issue 18): a comment on one story re-renders that story and the
listings it is on, nothing else; a page is keyed on what its view reads, so no
stranger's variant is stored under the plain key; one render per change on the file
cache too; and throttles never share the page cache's culling."""

import threading
import time

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from comments import decisions
from comments.models import Comment, DiscussionSettings
from doggydiary import generations, pagecache

from ..factories import make_article, make_category, make_comment, make_image

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE = True
    DiscussionSettings.load()  # made on first use, which is itself a change


@pytest.fixture
def file_cache(settings, tmp_path):
    """Production's default: Django's file cache, which culls a third of its entries
    once it holds MAX_ENTRIES (300)."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "cache"),
        }
    }


def state(client, url, **extra):
    response = client.get(url, **extra)
    assert response.status_code == 200, url
    return response["X-Page-Cache"]


def warm(client, *urls):
    for url in urls:
        state(client, url)
        assert state(client, url) == "hit", url


# -- precise invalidation -----------------------------------------------------


def approve_a_comment_on(story, name="Approved Ann"):
    pending = make_comment(story, name=name, status=Comment.Status.PENDING)
    decisions.approve(Comment.objects.filter(pk=pending.pk), None)


def test_a_comment_on_story_a_leaves_story_b_and_its_section_kept(settings):
    settings.LISTING_COUNTS_SECONDS = 1
    a = make_article(title="Story A", category=make_category(name="Walks"), tags=["mud"],
                     hero_image=make_image())  # fmt: skip
    b = make_article(title="Story B", category=make_category(name="Food"), tags=["bones"],
                     hero_image=make_image())  # fmt: skip
    client = Client()
    untouched = [b.get_absolute_url(), b.category.get_absolute_url(),
                 reverse("articles:tag", args=["bones"]), reverse("articles:feed")]  # fmt: skip
    touched = [a.get_absolute_url(), reverse("comments:site_feed"),
               reverse("comments:feed", args=[a.slug])]  # fmt: skip
    # Listings with A's card: its count may lag LISTING_COUNTS_SECONDS.
    listings = ["/", a.category.get_absolute_url(), reverse("articles:tag", args=["mud"])]
    warm(client, *untouched, *touched, *listings)
    approve_a_comment_on(a)
    approve_a_comment_on(a, name="Approved Abe")
    for url in untouched + listings:
        assert state(client, url) == "hit", url
    for url in touched:
        assert state(client, url) == "miss", url
    assert "Approved Ann" in client.get(a.get_absolute_url()).content.decode()
    time.sleep(1.1)
    for url in listings:
        assert state(client, url) == "miss", url
        assert state(client, url) == "hit", url  # once for the two comments
    for url in untouched:
        assert state(client, url) == "hit", url
    assert "2 comments" in client.get(a.category.get_absolute_url()).content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_change_moves_each_counter_once(monkeypatch):
    """Each extra move is one more render of every page that depends on it."""
    story = make_article(title="Story A")
    pending = make_comment(story, status=Comment.Status.PENDING)
    moves = []
    original = generations.bump
    monkeypatch.setattr(generations, "bump", lambda *names: (moves.extend(names), original(*names)))
    decisions.approve(Comment.objects.filter(pk=pending.pk), None)
    assert moves
    assert len(moves) == len(set(moves))
    assert f"story:{story.slug}" in moves
    assert "content" not in moves


# -- keys from what the view reads -------------------------------------------------


def test_an_empty_replytocom_never_stores_a_noindex_copy_under_the_plain_key():
    story = make_article()
    client = Client()
    poisoned = client.get(story.get_absolute_url() + "?replytocom=")
    assert poisoned["X-Page-Cache"] == "bypass"
    plain = client.get(story.get_absolute_url())
    assert plain["X-Page-Cache"] == "miss"
    assert 'name="robots" content="noindex"' not in plain.content.decode()
    assert state(client, story.get_absolute_url()) == "hit"


def test_parameters_a_page_does_not_read_are_served_but_never_stored():
    make_article()
    client = Client()
    assert state(client, "/?q=1") == "bypass"  # the home page reads no q: nothing stored
    assert state(client, "/") == "miss"
    assert state(client, "/?q=2&utm_source=x") == "hit"  # the plain page, as it is
    assert state(client, "/?page=1") == "hit"  # page 1 is the plain page
    assert state(client, "/?page=01") == "hit"


def test_a_search_is_keyed_on_its_words_as_the_view_reads_them():
    make_article(title="Muddy paws")
    client = Client()
    url = reverse("articles:search")
    assert state(client, url + "?q=muddy+paws") == "miss"
    assert state(client, url + "?q=muddy%20%20paws%20") == "hit"
    assert state(client, url + "?q=paws") == "miss"


def test_a_restart_with_another_page_size_starts_with_fresh_listings(settings):
    for n in range(3):
        make_article(title=f"Listed story {n}", hero_image=make_image())
    client = Client()
    settings.ARTICLES_PER_PAGE = 12
    warm(client, "/")
    settings.ARTICLES_PER_PAGE = 1
    response = client.get("/")
    assert response["X-Page-Cache"] == "miss"
    # /?page=2 on lists every story, one a page now
    assert client.get("/?page=3").status_code == 200
    assert client.get("/?page=4").status_code == 404


@pytest.mark.parametrize(
    "accepts", ["gzip;q=0", "identity, gzip;q=0", "gzip; q=0.0, deflate", "*;q=0", "br"]
)
def test_a_browser_that_refuses_gzip_gets_the_page_as_it_is(accepts):
    story = make_article()
    client = Client()
    warm(client, story.get_absolute_url())
    for url in (story.get_absolute_url(), "/story/no-such-story/"):  # a hit, and a 404
        response = client.get(url, HTTP_ACCEPT_ENCODING=accepts)
        assert not response.has_header("Content-Encoding"), url
        assert b"<html" in response.content
    assert client.get(story.get_absolute_url(), HTTP_ACCEPT_ENCODING="gzip;q=0.5")[
        "Content-Encoding"
    ] == "gzip"  # fmt: skip


# -- one render per change, on the file cache too ------------------------------------


@pytest.fixture
def redis_cache(settings):
    """The Redis on loopback, in this issue's own database (2) and key prefix."""
    import redis

    url = "redis://127.0.0.1:6379/2"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=0.5).ping()
    except redis.exceptions.RedisError:
        pytest.skip("no Redis answers on 127.0.0.1:6379")
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "dd-i18-test",
        }
    }
    yield
    cache.delete_many([f"page:round-{n}:rendering" for n in range(20)])


@pytest.mark.parametrize("backend", ["file_cache", "redis_cache"])
def test_the_render_lock_is_atomic_on_every_backend(request, backend):
    request.getfixturevalue(backend)
    for round_number in range(20):
        key = f"page:round-{round_number}"
        barrier = threading.Barrier(8)
        taken = []

        def take(key=key, barrier=barrier, taken=taken):
            barrier.wait()
            lock = pagecache.take_lock(key)
            if lock is not None:
                taken.append(lock)

        threads = [threading.Thread(target=take) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=10)
        assert len(taken) == 1, round_number
        pagecache.release_lock(taken[0])
        assert pagecache.take_lock(key) is not None


# -- throttles are never culled ------------------------------------------------------


@pytest.mark.usefixtures("file_cache")
def test_a_login_lock_holds_after_two_thousand_page_entries(client, django_user_model, settings):
    settings.LOGIN_LOCK_SECONDS = 3600  # longer than the requests below take
    django_user_model.objects.create_user("editor", password="right-horse", is_staff=True)
    login = reverse("admin:login")
    for _ in range(5):
        client.post(login, {"username": "editor", "password": "wrong"}, REMOTE_ADDR="203.0.113.7")
    make_article(title="Muddy paws")
    search = reverse("articles:search")
    for n in range(2000):  # each a different page: the page cache culls as it fills
        assert state(client, f"{search}?q=word{n}") in ("miss", "hit")
    assert len(cache._list_cache_files()) < 2000  # the file cache did cull
    refused = client.post(
        login, {"username": "editor", "password": "right-horse"}, REMOTE_ADDR="203.0.113.7"
    )
    assert refused.status_code == 200
    assert "Too many failed sign-ins" in refused.text


# -- one table -----------------------------------------------------------------------


def test_every_reader_page_is_in_the_table():
    """What each page is made of is written in one place (doggydiary.caching.PAGES)."""
    from django.urls import get_resolver

    from doggydiary.caching import PAGES

    def walk(patterns, namespace=""):
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                yield from walk(pattern.url_patterns, inner)
            elif getattr(pattern.callback, "page_depends", None) is not None:
                yield namespace + pattern.name

    marked = set(walk(get_resolver().url_patterns))
    assert marked
    assert marked <= set(PAGES)


# -- a long discussion with nothing kept -------------------------------------------------


def test_page_one_of_a_long_discussion_counts_nothing(settings):
    """Its number of pages comes from the story's stored count of threads, not a COUNT
    of its comments on every render (issue 18)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.PAGE_CACHE = settings.FRAGMENT_CACHE = False
    rules = DiscussionSettings.load()
    rules.comments_per_page = 3
    rules.save()
    story = make_article(title="A long talk")
    for n in range(7):
        make_comment(story, name=f"Talker {n}")
    with CaptureQueriesContext(connection) as queries:
        page = Client().get(story.get_absolute_url()).content.decode()
    assert "Comments page 1 of 3" in page
    counts = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"].upper()]
    assert not [sql for sql in counts if "comments_comment" in sql], counts
