"""What is around every story and archive: breadcrumbs (and their BreadcrumbList),
the next and previous story in the section, social cards of archives, and page
numbers that stay cheap however many pages there are."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ..factories import make_article, make_author, make_category, make_image
from ..helpers import json_ld, parse_html

pytestmark = pytest.mark.django_db


@pytest.fixture
def section():
    """Three stories in Training, oldest first, and one elsewhere, newest of all."""
    training = make_category(name="Training", slug="training")
    now = timezone.now()
    stories = [
        make_article(title=f"Lesson {n}", slug=f"lesson-{n}", category=training,
                     hero_image=make_image(300, 200), publish_at=now - timedelta(days=10 - n))
        for n in range(1, 4)
    ]  # fmt: skip
    make_article(title="Elsewhere", category=make_category(name="Other"), publish_at=now)
    return stories


def story_end(client, story):
    html = client.get(story.get_absolute_url()).content.decode()
    parse_html(html)
    end = html.split('class="wrap wrap--text story-end"')[1].split("</nav>")[0]
    return end


def test_breadcrumbs_on_a_story_and_its_json_ld(client, section):
    story = section[1]
    html = client.get(story.get_absolute_url()).content.decode()
    tree = parse_html(html)
    crumbs = next(n for n in tree.iter("nav") if n.get("aria-label") == "Breadcrumb")
    links = [(a.text, a.get("href")) for a in crumbs.iter("a")]
    assert links == [("Home", "/"), ("Training", "/category/training/"),
                     ("Lesson 2", "/story/lesson-2/")]  # fmt: skip
    assert crumbs.findall(".//a")[-1].get("aria-current") == "page"
    data = next(d for d in json_ld(html) if d["@type"] == "BreadcrumbList")
    assert [(i["position"], i["name"], i["item"]) for i in data["itemListElement"]] == [
        (1, "Home", "http://testserver/"),
        (2, "Training", "http://testserver/category/training/"),
        (3, "Lesson 2", "http://testserver/story/lesson-2/"),
    ]


@pytest.mark.parametrize("kind", ["section", "author", "tag"])
def test_breadcrumbs_and_social_cards_on_archives(client, kind):
    writer = make_author(name="Ada Barker", slug="ada-barker", photo=make_image(200, 200))
    training = make_category(name="Training", slug="training", description="Good manners.")
    make_article(category=training, author=writer, tags=["recall"],
                 hero_image=make_image(600, 400, alt="A dog coming back"))  # fmt: skip
    url = {
        "section": reverse("articles:section", args=["training"]),
        "author": reverse("articles:author", args=["ada-barker"]),
        "tag": reverse("articles:tag", args=["recall"]),
    }[kind]
    html = client.get(url).content.decode()
    tree = parse_html(html)
    [crumbs] = json_ld(html)
    assert crumbs["itemListElement"][0]["name"] == "Home"
    assert crumbs["itemListElement"][-1]["item"] == "http://testserver" + url
    meta = {m.get("property"): m.get("content") for m in tree.iter("meta") if m.get("property")}
    assert meta["og:description"]
    assert meta["og:image"].startswith("http://testserver/media/")
    if kind == "section":
        assert meta["og:description"] == "Good manners."


def test_a_story_ends_with_the_next_and_previous_in_its_section(client, section):
    first, middle, newest = section
    end = story_end(client, middle)
    assert "Next in Training" in end
    assert 'href="/story/lesson-1/"' in end
    assert "Previous in Training" in end
    assert 'href="/story/lesson-3/"' in end
    # The newest story's next is the one before it; it has no previous.
    end = story_end(client, newest)
    assert 'href="/story/lesson-2/"' in end
    assert "Previous" not in end
    # After the section's oldest comes its newest: every story has a next one.
    end = story_end(client, first)
    assert 'href="/story/lesson-3/"' in end.split("Previous")[0]


def test_a_story_alone_in_its_section_is_followed_by_the_newest_story(client):
    alone = make_article(title="Alone", category=make_category(name="Solo"))
    make_article(title="Newest anywhere", publish_at=timezone.now())
    end = story_end(client, alone)
    assert "Newest anywhere" in end
    assert "Previous" not in end


def test_drafts_are_never_next(client, section):
    first, middle, newest = section
    newest.status = "draft"
    newest.save()
    end = story_end(client, middle)
    assert "Lesson 3" not in end


def pages_of(html):
    tree = parse_html(html)
    nav = next(n for n in tree.iter("nav") if n.get("aria-label") == "Pages")
    numbers = []
    for item in nav.find(".//ol").findall("li"):
        link = item.find("a")
        numbers.append(link.get("href").split("=")[1] if link is not None else "…")
    current = [a for a in nav.iter("a") if a.get("aria-current") == "page"]
    return numbers, "".join(current[0].itertext()) if current else None


def test_archives_number_their_pages_first_nearby_and_last(client, settings):
    settings.ARTICLES_PER_PAGE = 2
    dogs = make_category(name="Dogs", slug="dogs")
    for _ in range(40):  # twenty pages
        make_article(category=dogs)
    url = reverse("articles:section", args=["dogs"])
    assert pages_of(client.get(url).content.decode()) == (
        ["1", "2", "3", "…", "20"], "Page 1",
    )  # fmt: skip
    assert pages_of(client.get(url + "?page=10").content.decode()) == (
        ["1", "…", "8", "9", "10", "11", "12", "…", "20"], "Page 10",
    )  # fmt: skip
    assert pages_of(client.get(url + "?page=20").content.decode())[0] == [
        "1", "…", "18", "19", "20",
    ]  # fmt: skip
    assert client.get(url + "?page=21").status_code == 404


def test_page_numbers_cost_no_query_once_the_count_is_known(
    client, settings, django_assert_num_queries
):
    """The numbers come from the listing's cached count: a page far down the
    archive is as cheap as the first (test_queries.py's archive count)."""
    settings.FRAGMENT_CACHE = False
    settings.PAGE_CACHE = False  # each request renders (page 1 is the plain page's key)
    settings.ARTICLES_PER_PAGE = 2
    dogs = make_category(name="Dogs", slug="dogs")
    for _ in range(30):
        make_article(category=dogs)
    url = reverse("articles:section", args=["dogs"])
    client.get(url)
    for page in ("1", "8", "15"):
        with django_assert_num_queries(5):
            client.get(url, {"page": page})
