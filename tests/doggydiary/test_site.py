"""Site-wide promises: privacy headers, no cookies, compression, the demo loader."""

import pytest
from django.core.management import call_command
from django.db.models import Count, Q
from django.urls import reverse

from articles.demo import DEMO_DIR, read_catalogue, story_body
from articles.management.commands.load_demo import DEMO_SRC
from articles.models import Article, Author, Category, Image

from ..factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    return make_article(tags=["dogs"])


def public_urls(story):
    return [
        reverse("articles:home"),
        story.get_absolute_url(),
        story.category.get_absolute_url(),
        story.author.get_absolute_url(),
        reverse("articles:tag", args=["dogs"]),
        reverse("articles:search") + "?q=dog",
    ]


def test_public_pages_set_no_cookies_and_forbid_third_parties(client, story):
    for url in public_urls(story):
        response = client.get(url)
        assert response.status_code == 200
        assert not response.cookies, url
        csp = response["Content-Security-Policy"]
        assert "default-src 'self'" in csp
        assert "script-src 'self'" in csp
        assert "frame-ancestors 'none'" in csp
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_pages_are_compressed_and_conditional(client, story):
    url = story.get_absolute_url()
    response = client.get(url, headers={"accept-encoding": "gzip"})
    assert response["Content-Encoding"] == "gzip"
    # Pages without a comment form (which carries the time it was shown) answer
    # a revalidation with 304.
    home = reverse("articles:home")
    plain = client.get(home)
    assert plain.has_header("ETag")
    again = client.get(home, headers={"if-none-match": plain["ETag"]})
    assert again.status_code == 304


def test_demo_content_loads_once_and_twice_changes_nothing(settings):
    call_command("load_demo", scale=0.2, verbosity=0)
    counts = [Article.objects.count(), Author.objects.count(), Category.objects.count(),
              Image.objects.count()]  # fmt: skip
    snapshot = list(Article.objects.order_by("pk").values_list("slug", "publish_at", "updated_at"))
    call_command("load_demo", scale=0.2, verbosity=0)
    assert counts == [Article.objects.count(), Author.objects.count(), Category.objects.count(),
                      Image.objects.count()]  # fmt: skip
    assert snapshot == list(
        Article.objects.order_by("pk").values_list("slug", "publish_at", "updated_at")
    )
    assert counts[0] >= 12
    assert counts[1] >= 2
    assert counts[2] >= 3
    published = Article.objects.published()
    assert published.count() >= 12
    assert Article.objects.exclude(pk__in=published).exists()  # a draft and a scheduled story
    lead = Article.objects.get(featured=True)
    assert "Kangaroo" in lead.title
    assert "Possum" in lead.title
    for fragment in ["<h2>", "<blockquote>", 'class="callout"', 'class="embed"', "<picture>"]:
        assert fragment in lead.body_html
    assert all(author.photo_id and author.bio and author.website for author in Author.objects.all())
    call_command("load_demo_comments", verbosity=0)
    call_command("load_demo_comments", verbosity=0)
    stored = dict(Article.objects.values_list("pk", "comment_count"))
    counted = dict(
        Article.objects.annotate(
            n=Count("comments", filter=Q(comments__status="approved"))
        ).values_list("pk", "n")
    )
    assert stored == counted
    assert sum(stored.values()) > 0


def test_demo_catalogue_refers_only_to_what_it_holds():
    catalogue = read_catalogue()
    pictures = catalogue["pictures"]
    sections = {item["slug"] for item in catalogue["sections"]}
    authors = {item["slug"] for item in catalogue["authors"]}
    stories = {item["slug"]: item for item in catalogue["stories"]}
    assert {path.stem for path in (DEMO_DIR / "stories").glob("*.html")} == set(stories)
    assert all(item["portrait"] in pictures for item in catalogue["authors"])
    for slug, item in stories.items():
        assert item["author"] in authors, slug
        assert item["section"] in sections, slug
        assert item["hero"] in pictures, slug
        assert (item["publish_days_ago"] is None) == (item["status"] == "draft"), slug
        assert set(DEMO_SRC.findall(story_body(slug))) <= set(pictures), slug
        for target in item.get("pinned_related", []):
            assert stories[target]["status"] == "published", (slug, target)
        replies = [comment["reply_to"] for comment in item.get("comments", [])]
        assert all(reply is None or reply < n for n, reply in enumerate(replies)), slug


def test_favicon_ico_points_at_the_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith(".svg")
