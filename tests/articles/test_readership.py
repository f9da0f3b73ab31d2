"""Readership counted by the site itself: a beacon per story a person sees, views per
story per day, nothing about the reader; editors see the counts in the admin."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles import readership
from articles.models import Article, StoryViews

from ..factories import make_article

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0"


def beacon(client, story, **headers):
    headers.setdefault("HTTP_USER_AGENT", BROWSER)
    headers.setdefault("HTTP_SEC_FETCH_SITE", "same-origin")
    return client.post(reverse("articles:read", args=[story.pk]), **headers)


def views(story):
    return readership.views_by_story([story.pk])[story.pk]


def test_a_beacon_counts_one_view_and_stores_nothing_about_the_reader(client):
    story = make_article()
    response = beacon(client, story, REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 204
    assert not response.cookies
    assert "no-cache" in response["Cache-Control"]
    beacon(client, story)
    row = StoryViews.objects.get()
    assert (row.article_id, row.day, row.views) == (story.pk, timezone.localdate(), 2)
    # The table has the story, the day and the number: no address, agent or time.
    columns = {field.column for field in StoryViews._meta.concrete_fields}
    assert columns == {"id", "article_id", "day", "views"}


def test_the_story_page_names_its_beacon_and_sets_no_cookie(client):
    story = make_article()
    response = client.get(story.get_absolute_url())
    assert f'data-read="{reverse("articles:read", args=[story.pk])}"' in response.content.decode()
    assert not response.cookies


@pytest.mark.parametrize(
    "headers",
    [
        {
            "HTTP_USER_AGENT": "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
        },
        {"HTTP_USER_AGENT": "Mozilla/5.0 (compatible; bingbot/2.0)"},
        {"HTTP_USER_AGENT": "facebookexternalhit/1.1"},
        {"HTTP_USER_AGENT": "curl/8.5.0"},
        {"HTTP_USER_AGENT": ""},
        {"HTTP_SEC_PURPOSE": "prefetch"},
        {"HTTP_SEC_PURPOSE": "prefetch;prerender"},
        {"HTTP_PURPOSE": "prefetch"},
        {"HTTP_SEC_FETCH_SITE": "cross-site"},
    ],
    ids=[
        "googlebot",
        "bingbot",
        "facebook",
        "curl",
        "no-agent",
        "prefetch",
        "prerender",
        "purpose",
        "cross-site",
    ],  # fmt: skip
)
def test_crawlers_prefetches_and_other_sites_are_not_counted(client, headers):
    story = make_article()
    assert beacon(client, story, **headers).status_code == 204
    assert not StoryViews.objects.exists()


def test_only_a_post_counts_and_only_for_a_public_story(client):
    story = make_article()
    draft = make_article(status=Article.Status.DRAFT)
    scheduled = make_article(publish_at=timezone.now() + timedelta(days=1))
    assert client.get(reverse("articles:read", args=[story.pk])).status_code == 405
    for other in (draft, scheduled):
        assert beacon(client, other).status_code == 204
    assert client.post("/read/99999999/", HTTP_USER_AGENT=BROWSER).status_code == 204
    huge = "/read/" + "9" * 40 + "/"  # more than any database's integer holds
    assert client.post(huge, HTTP_USER_AGENT=BROWSER).status_code == 204
    assert client.post("/read/not-a-number/").status_code == 404
    assert not StoryViews.objects.exists()


def test_views_wait_in_memory_and_are_written_in_one_batch(
    client, settings, django_assert_num_queries
):
    settings.READERSHIP_FLUSH_SECONDS = 3600
    first, second = make_article(), make_article()
    with django_assert_num_queries(0):
        for story in (first, second, first, first):
            beacon(client, story)
    assert not StoryViews.objects.exists()
    readership.flush()
    assert views(first)["today"] == 3
    assert views(second)["today"] == 1


def test_two_batches_of_the_same_story_and_day_add_up():
    story = make_article()
    readership.count(story.pk)
    readership.count(story.pk)
    assert StoryViews.objects.get().views == 2


def test_today_the_week_and_in_all():
    story = make_article()
    today = timezone.localdate()
    StoryViews.objects.create(article=story, day=today, views=4)
    StoryViews.objects.create(article=story, day=today - timedelta(days=6), views=10)
    StoryViews.objects.create(article=story, day=today - timedelta(days=7), views=100)
    assert views(story) == {"today": 4, "week": 14, "total": 114}
    assert views(make_article()) == {"today": 0, "week": 0, "total": 0}


def test_most_read_counts_this_week_only_and_public_stories_only():
    old_favourite, recent, unpublished = make_article(), make_article(), make_article()
    today = timezone.localdate()
    StoryViews.objects.create(article=old_favourite, day=today - timedelta(days=8), views=500)
    StoryViews.objects.create(article=old_favourite, day=today, views=1)
    StoryViews.objects.create(article=recent, day=today - timedelta(days=2), views=5)
    StoryViews.objects.create(article=unpublished, day=today, views=50)
    Article.objects.filter(pk=unpublished.pk).update(status=Article.Status.DRAFT)
    assert readership.most_read_ids() == [recent.pk, old_favourite.pk]
    assert [story.pk for story in readership.most_read()] == [recent.pk, old_favourite.pk]


@pytest.fixture
def editor(client):
    user = User.objects.create_superuser("editor", "editor@example.com", "a long passphrase")
    client.force_login(user)
    return user


def test_editors_see_views_in_the_story_list_and_on_the_story(client, editor):
    story = make_article(title="Read a lot")
    today = timezone.localdate()
    StoryViews.objects.create(article=story, day=today, views=7)
    StoryViews.objects.create(article=story, day=today - timedelta(days=3), views=20)
    StoryViews.objects.create(article=story, day=today - timedelta(days=30), views=300)
    listing = client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert ">Views<" in listing
    assert "7 today<br>27 in 7 days" in listing
    assert "327 in all" in listing
    page = client.get(reverse("admin:articles_article_change", args=[story.pk])).content.decode()
    assert "<strong>7</strong> today · <strong>27</strong> in the last 7 days" in page
    assert "<strong>327</strong> in all" in page


def test_the_story_list_reads_views_once_per_page(client, editor, django_assert_num_queries):
    """The views column is one query for the whole page, not one per story."""
    for _ in range(3):
        readership.count(make_article().pk)
    url = reverse("admin:articles_article_changelist")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(10):
        readership.count(make_article().pk)
    with django_assert_num_queries(len(few), exact=True):
        client.get(url)


def test_the_admin_home_shows_the_weeks_most_read(client, editor):
    quiet, popular = make_article(title="Quiet one"), make_article(title="Popular one")
    for _ in range(3):
        readership.count(popular.pk)
    readership.count(quiet.pk)
    page = client.get(reverse("admin:index")).content.decode()
    box = page.split('id="home-most-read"')[1].split("</section>")[0]
    assert box.index("Popular one") < box.index("Quiet one")
    assert "3 views" in box
    assert "1 view<" in box


def test_the_privacy_page_says_what_is_counted(client):
    page = client.get(reverse("comments:privacy")).content.decode()
    assert "What we count when you read" in page
    assert "the story, the date and the number of views" in page
