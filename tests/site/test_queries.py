"""Each public page makes a fixed number of queries, however much there is to show.

The counts are pinned with ``django_assert_num_queries`` after touching every
related field the templates use, so an N+1 (a card's author, category or hero
picture, a story's tags, the related stories' fields) fails here first.
"""

import pytest
from django.urls import reverse

from articles.models import PinnedRelation
from comments.changes import comments_changed
from comments.models import Comment, DiscussionSettings

from ..factories import make_article, make_author, make_category, make_image
from ..helpers import parse_html

pytestmark = pytest.mark.django_db

# Queries per page, and what they are:
EXPECTED = {
    # the front page (articles/front.py): navigation sections, footer pages, the
    # pinned stories, the featured lead's id (none pinned as lead), the newest ids
    # with their sections and comment counts (which give every band here and the
    # most discussed), the sections in the editors' order, then every story shown in
    # one query, and the week's most read ids (nobody read anything: no story query)
    "home": 8,
    # story (its own fields, its section's name, and its stored HTML: headline,
    # body, pictures, tags, author box, metadata, and the first page of its threads,
    # stored by the first reader after its comments change), the related stories
    # with their stored cards (from the stored ranking), the next and previous
    # stories in its section, discussion settings, navigation sections, footer pages
    "story": 7,
    # ...and with comments: the same (no query of the comments)
    "story with comments": 7,
    # ...and with more threads than a page: the same (the count of threads is stored
    # with the story, issue 18)
    "story with pages of comments": 7,
    # archive subject, the page's ids from its index, their cards, navigation
    # sections, footer pages (the count is cached)
    "archive": 5,
    # the page's ranked ids, which of its words no story has (for "Did you mean"),
    # their cards with snippets, navigation sections, footer pages
    "search": 5,
    # the feed's stories with author and section
    "feed": 1,
}


def build(count, tags_per_story, category, author):
    pool = [f"tag-{n}" for n in range(tags_per_story * 2)]
    stories = []
    for i in range(count):
        tags = [pool[(i + k) % len(pool)] for k in range(tags_per_story)] + ["shared"]
        stories.append(
            make_article(
                category=category, author=author, tags=tags, hero_image=make_image(400, 300)
            )
        )
    return stories


@pytest.fixture(params=[(5, 1), (30, 6)], ids=["small", "large"])
def site(request):
    count, tags = request.param
    category = make_category(slug="dogs")
    author = make_author(slug="writer", photo=make_image(200, 200))
    stories = build(count, tags, category, author)
    lead = stories[0]
    for target in stories[1 : 1 + min(count - 1, 3)]:
        PinnedRelation.objects.create(from_article=lead, to_article=target)
    return {"lead": lead, "category": category, "author": author}


@pytest.fixture(autouse=True)
def renders(settings):
    """These counts are of a page being rendered from scratch: a page-cache hit makes
    none, and kept parts (test_fragments.py) fewer."""
    settings.PAGE_CACHE = False
    settings.FRAGMENT_CACHE = False


@pytest.fixture
def warm(client, site):
    """Content types and other per-process caches, and each listing's count (cached
    per content generation), are filled before counting."""
    client.get(site["lead"].get_absolute_url())
    for url in [
        reverse("articles:home"),
        site["category"].get_absolute_url(),
        site["author"].get_absolute_url(),
        reverse("articles:tag", args=["shared"]),
    ]:
        client.get(url)  # fmt: skip


def render(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response


@pytest.mark.usefixtures("warm")
class TestQueryCounts:
    def test_home(self, client, django_assert_num_queries):
        with django_assert_num_queries(EXPECTED["home"]):
            render(client, reverse("articles:home"))

    def test_story(self, client, site, django_assert_num_queries):
        render(client, site["lead"].get_absolute_url())  # its stored HTML made
        with django_assert_num_queries(EXPECTED["story"]):
            response = render(client, site["lead"].get_absolute_url())
        assert response.context["related"]["more_like_this"]

    @pytest.mark.parametrize("count", [1, 500])
    def test_story_with_comments(self, client, site, count, django_assert_num_queries):
        """However many comments and replies, the story page loads them in two queries."""
        story = site["lead"]
        roots = Comment.objects.bulk_create(
            Comment(article=story, name=f"Reader {n}", email=f"r{n}@example.com",
                    body=f"Comment {n}", body_html=f"<p>Comment {n}</p>", status="approved")
            for n in range(count)
        )  # fmt: skip
        replies = Comment.objects.bulk_create(
            Comment(article=story, parent=root, root=root, depth=2, name="Replier",
                    email="reply@example.com", body=f"Reply to {n}",
                    body_html=f"<p>Reply to {n}</p>", status="approved")
            for n, root in enumerate(roots[:50])
        )  # fmt: skip
        comments_changed([story.pk])  # what posting or approving them does
        paged = count > DiscussionSettings.load().comments_per_page
        render(client, story.get_absolute_url())  # its stored HTML made
        with django_assert_num_queries(
            EXPECTED["story with pages of comments" if paged else "story with comments"]
        ):
            response = render(client, story.get_absolute_url())
        assert f"{count + min(count, 50)} comment".encode() in response.content
        # The first page of threads, oldest first, each with its reply inside it.
        threads = parse_html(response.content).findall(".//ol[@class='comment-list']/li")
        shown = roots[: DiscussionSettings.load().comments_per_page]
        assert [li.get("id") for li in threads] == [f"comment-{root.pk}" for root in shown]
        reply_to = {reply.root_id: reply for reply in replies}
        for li, root in zip(threads, shown, strict=True):
            assert li.find("div[@class='comment__body']/p").text == root.body
            nested = li.findall("ol[@class='comment-children']/li")
            reply = reply_to[root.pk]
            assert [child.get("id") for child in nested] == [f"comment-{reply.pk}"]
            assert nested[0].find("div[@class='comment__body']/p").text == reply.body

    @pytest.mark.parametrize("kind", ["category", "tag", "author"])
    def test_archives(self, client, site, kind, django_assert_num_queries):
        url = {
            "category": site["category"].get_absolute_url(),
            "tag": reverse("articles:tag", args=["shared"]),
            "author": site["author"].get_absolute_url(),
        }[kind]
        with django_assert_num_queries(EXPECTED["archive"]):
            render(client, url)

    def test_search(self, client, django_assert_num_queries):
        with django_assert_num_queries(EXPECTED["search"]):
            response = render(client, reverse("articles:search") + "?q=story")
        assert response.context["page"].object_list

    @pytest.mark.parametrize("name", ["articles:feed", "articles:atom_feed"])
    def test_feeds(self, client, name, django_assert_num_queries):
        with django_assert_num_queries(EXPECTED["feed"]):
            render(client, reverse(name))


def test_a_page_cache_hit_makes_no_query(client, settings, django_assert_num_queries):
    settings.PAGE_CACHE = True
    DiscussionSettings.load()  # made on first use, which is itself a change
    story = make_article(tags=["dogs"])
    make_article(tags=["dogs"])
    urls = [reverse("articles:home"), story.get_absolute_url(), reverse("articles:feed"),
            reverse("articles:tag", args=["dogs"])]  # fmt: skip
    for url in urls:
        assert client.get(url)["X-Page-Cache"] == "miss"
    for url in urls:
        with django_assert_num_queries(0):
            assert client.get(url)["X-Page-Cache"] == "hit"
