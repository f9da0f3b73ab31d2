"""A cache that is down (Redis not answering) costs speed, never a page: readers get
every page rendered, a commenter's text is stored or kept, and /healthz says so.
And the page cache keys a page by the host in one spelling."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from comments.models import Comment, DiscussionSettings

from ..factories import make_article, make_comment
from ..helpers import post_comment

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_down(settings, request):
    DiscussionSettings.load()  # made while the cache still answers
    story = make_article(title="Still readable", tags=["calm"])
    make_comment(story, name="Approved Ada")
    settings.PAGE_CACHE = True
    request.getfixturevalue("unreachable_redis")
    return story


def test_reader_pages_are_rendered_without_it(redis_down):
    client = Client()
    story = redis_down
    for url in [
        "/",
        story.get_absolute_url(),
        story.category.get_absolute_url(),
        reverse("articles:tag", args=["calm"]),
        reverse("articles:search") + "?q=readable",
        reverse("articles:feed"),
        reverse("comments:site_feed"),
        "/sitemap.xml",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["X-Page-Cache"] == "bypass", url
    assert "Approved Ada" in client.get(story.get_absolute_url()).content.decode()


def test_sitemap_files_are_read_without_the_catalogue(settings, request, monkeypatch):
    """A story file steps over the files before it rather than reading every story
    to find where it starts, as the catalogue does once the cache is back."""
    from articles.sitemaps import catalogue

    hour_ago = timezone.now() - timedelta(hours=1)
    first = make_article(title="Earlier", publish_at=hour_ago - timedelta(days=1))
    second = make_article(title="Later", publish_at=hour_ago)
    settings.PAGE_CACHE = True
    request.getfixturevalue("unreachable_redis")
    monkeypatch.setattr(catalogue, "URLS_PER_FILE", 1)
    monkeypatch.setattr(catalogue, "build", None)  # never called while the cache is down
    client = Client()
    for number, story in ((1, first), (2, second)):
        response = client.get(f"/sitemaps/stories-{number}.xml")
        assert response.status_code == 200
        assert response.content.count(b"<url>") == 1
        assert story.get_absolute_url().encode() in response.content
    assert client.get("/sitemaps/stories-3.xml").status_code == 404


def test_a_comment_is_stored_or_its_text_kept(redis_down):
    response = post_comment(Client(), redis_down, body="Typed while the cache was down.")
    assert response.status_code in (303, 503)
    if response.status_code == 503:
        assert "Typed while the cache was down." in response.content.decode()
    else:
        assert Comment.objects.filter(body="Typed while the cache was down.").exists()


def test_healthz_names_the_cache(redis_down):
    response = Client().get("/healthz")
    assert response.status_code == 503
    assert "cache" in response.content.decode()


def test_one_page_whatever_the_spelling_of_the_host(settings):
    settings.PAGE_CACHE = True
    settings.ALLOWED_HOSTS = ["example.org", ".example.org"]
    DiscussionSettings.load()
    make_article()
    client = Client()
    first = client.get("/", HTTP_HOST="example.org")
    assert first["X-Page-Cache"] == "miss"
    for host in ["EXAMPLE.org", "example.org.", "Example.Org."]:
        assert client.get("/", HTTP_HOST=host)["X-Page-Cache"] == "hit", host
