"""The front page: a pinned lead and the row beneath it, a band per section in the
editors' order, "Latest", "Most discussed" and "Most read", from the page cache."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import front, generations, readership
from articles.models import Article
from comments.models import DiscussionSettings
from doggydiary.caching import PAGES
from doggydiary.roles import EDITORS

from ..factories import make_article, make_category, make_comment, make_image, make_user, story_form
from ..helpers import json_ld, parse_html

pytestmark = pytest.mark.django_db


def home(client):
    response = client.get(reverse("articles:home"))
    assert response.status_code == 200
    return response.content.decode()


def titles(tree, selector_class):
    """The story titles inside the elements with ``selector_class``, in order."""
    found = []
    for element in tree.iter():
        if selector_class in (element.get("class") or "").split():
            links = [a for a in element.iter("a") if "/story/" in a.get("href")]
            found += [text for text in ("".join(a.itertext()) for a in links) if text]
    return found


@pytest.fixture
def sections():
    return {
        "dogs": make_category(name="Dogs", slug="dogs"),
        "cats": make_category(name="Cats", slug="cats"),
        "birds": make_category(name="Birds", slug="birds"),
        "empty": make_category(name="Empty", slug="empty"),
    }


@pytest.fixture
def magazine(sections):
    """Five stories in each of three sections, newest first by their number."""
    now = timezone.now()
    stories = {}
    for index, name in enumerate(["dogs", "cats", "birds"]):
        for n in range(5):
            stories[f"{name}-{n}"] = make_article(
                title=f"{name.title()} story {n}",
                slug=f"{name}-{n}",
                category=sections[name],
                hero_image=make_image(300, 200),
                publish_at=now - timedelta(hours=n * 3 + index),
            )
    return stories


def test_without_pins_the_newest_story_leads_and_the_next_four_follow(client, magazine):
    tree = parse_html(home(client))
    lead = "".join(tree.find(".//article[@class='lead']//h2").itertext())
    assert lead == "Dogs story 0"
    assert titles(tree, "second-tier") == [
        "Cats story 0", "Birds story 0", "Dogs story 1", "Cats story 1",
    ]  # fmt: skip


def test_editors_pin_the_lead_and_order_the_row_beneath_it(client, magazine):
    Article.objects.filter(slug="birds-4").update(home_pin=1)
    Article.objects.filter(slug="cats-3").update(home_pin=3)
    Article.objects.filter(slug="dogs-2").update(home_pin=2)
    generations.bump(generations.CONTENT)
    tree = parse_html(home(client))
    assert "".join(tree.find(".//article[@class='lead']//h2").itertext()) == "Birds story 4"
    # The pinned in their order, then the newest fill the places left.
    assert titles(tree, "second-tier") == [
        "Dogs story 2", "Cats story 3", "Dogs story 0", "Cats story 0",
    ]  # fmt: skip


def test_unpinning_gives_the_place_back_to_the_newest(client, magazine):
    pinned = magazine["birds-4"]
    pinned.home_pin = 1
    pinned.save()
    assert "Birds story 4" in "".join(parse_html(home(client)).find(".//article").itertext())
    pinned.home_pin = None
    pinned.save()  # a save moves the content generation: the page is made again
    assert "Dogs story 0" in "".join(parse_html(home(client)).find(".//article").itertext())


def test_a_pinned_story_that_is_unpublished_leaves_the_front_page(client, magazine):
    Article.objects.filter(slug="birds-4").update(home_pin=1, status=Article.Status.DRAFT)
    generations.bump(generations.CONTENT)
    page = home(client)
    assert "Birds story 4" not in page
    assert "".join(parse_html(page).find(".//article").itertext()).count("Dogs story 0")


def test_featured_story_leads_when_nothing_is_pinned_as_lead(client, magazine):
    Article.objects.filter(slug="cats-4").update(featured=True)
    Article.objects.filter(slug="dogs-3").update(home_pin=2)
    generations.bump(generations.CONTENT)
    tree = parse_html(home(client))
    assert "".join(tree.find(".//article[@class='lead']//h2").itertext()) == "Cats story 4"
    assert titles(tree, "second-tier")[0] == "Dogs story 3"


def test_a_band_per_section_in_the_editors_order_without_empty_ones(client, magazine, sections):
    sections["birds"].home_order = 1
    sections["birds"].save()
    sections["dogs"].home_order = 2
    sections["dogs"].save()
    sections["cats"].home_order = 3
    sections["cats"].save()
    tree = parse_html(home(client))
    bands = [element for element in tree.iter("section") if element.get("class") == "band"]
    headings = ["".join(band.find(".//h2").itertext()).strip(" ›") for band in bands]
    assert headings == ["Birds", "Dogs", "Cats"]  # Empty has no public story
    nav = next(n for n in tree.iter("nav") if n.get("aria-label") == "Sections")
    assert ["".join(a.itertext()) for a in nav.iter("a")] == [
        "Home", "Empty", "Birds", "Dogs", "Cats",
    ]  # fmt: skip
    links = [band.find(".//h2/a").get("href") for band in bands]
    assert links == [reverse("articles:section", args=[slug]) for slug in ("birds", "dogs", "cats")]
    # The stories at the top are not repeated in the bands.
    assert titles(bands[0], "tile") + titles(bands[0], "story-list") == [
        "Birds story 1", "Birds story 2", "Birds story 3", "Birds story 4",
    ]  # fmt: skip


def test_a_section_with_no_recent_story_still_has_its_band(client, magazine, sections, monkeypatch):
    """Bands come from the newest stories read at once; a section with too few among
    them (here the newest twenty are all Dogs) is read from its own index."""
    monkeypatch.setattr(front, "RECENT", 20)
    for n in range(20):
        make_article(title=f"Dogs extra {n}", category=sections["dogs"],
                     publish_at=timezone.now() - timedelta(minutes=n + 1))  # fmt: skip
    tree = parse_html(home(client))
    bands = [
        titles(band, "tile") + titles(band, "story-list")
        for band in tree.iter("section")
        if band.get("class") == "band"
    ]
    assert bands == [
        ["Birds story 0", "Birds story 1", "Birds story 2", "Birds story 3"],
        ["Cats story 0", "Cats story 1", "Cats story 2", "Cats story 3"],
        # Dogs story 0 (the newest of all) leads; four extras follow it at the top.
        ["Dogs extra 4", "Dogs extra 5", "Dogs extra 6", "Dogs extra 7"],
    ]


def test_latest_lists_the_newest_after_the_top_and_page_two_goes_on(client, magazine, settings):
    tree = parse_html(home(client))
    latest = next(s for s in tree.iter("section") if s.get("aria-labelledby") == "latest-heading")
    assert titles(latest, "story-list")[:3] == ["Birds story 1", "Dogs story 2", "Cats story 2"]
    assert 'href="?page=2"' in home(client)
    settings.ARTICLES_PER_PAGE = 4
    response = client.get(reverse("articles:home") + "?page=2")
    assert response.status_code == 200
    assert titles(parse_html(response.content), "grid") == [
        "Cats story 1", "Birds story 1", "Dogs story 2", "Cats story 2",
    ]  # fmt: skip
    assert client.get(reverse("articles:home") + "?page=99").status_code == 404


def test_most_discussed_ranks_this_months_stories_by_comments(client, magazine):
    DiscussionSettings.load()
    for _ in range(3):
        make_comment(magazine["cats-4"])
    make_comment(magazine["dogs-3"])
    old = make_article(
        title="Old and much discussed", publish_at=timezone.now() - timedelta(days=60)
    )
    for _ in range(5):
        make_comment(old)
    Article.objects.filter(pk=magazine["cats-4"].pk).update(comment_count=3)
    Article.objects.filter(pk=magazine["dogs-3"].pk).update(comment_count=1)
    Article.objects.filter(pk=old.pk).update(comment_count=5)
    generations.bump(generations.COMMENTS)
    tree = parse_html(home(client))
    discussed = next(
        s for s in tree.iter("section") if s.get("aria-labelledby") == "discussed-heading"
    )
    assert titles(discussed, "story-list") == ["Cats story 4", "Dogs story 3"]


def test_most_discussed_is_chosen_from_the_newest_stories_read_at_once(
    client, magazine, monkeypatch
):
    """The counts come with the newest ``RECENT`` stories the page reads anyway: a
    query of its own sorted every story of the month, 3 ms at 100,000 stories."""
    monkeypatch.setattr(front, "RECENT", 10)  # the page reads 18 newest all the same
    for days in range(2, 6):
        make_article(publish_at=timezone.now() - timedelta(days=days))
    beyond = make_article(title="Beyond", publish_at=timezone.now() - timedelta(days=10))
    Article.objects.filter(pk=beyond.pk).update(comment_count=9)  # the 20th newest
    Article.objects.filter(pk=magazine["cats-2"].pk).update(comment_count=2)  # 8th
    Article.objects.filter(pk=magazine["dogs-0"].pk).update(comment_count=2)  # newest
    generations.bump(generations.COMMENTS)
    tree = parse_html(home(client))
    discussed = next(
        s for s in tree.iter("section") if s.get("aria-labelledby") == "discussed-heading"
    )
    assert titles(discussed, "story-list") == ["Dogs story 0", "Cats story 2"]


def test_most_read_follows_the_weeks_views(client, magazine):
    readership.count(magazine["birds-4"].pk)
    for _ in range(3):
        readership.count(magazine["cats-3"].pk)
    readership.count(magazine["dogs-2"].pk)
    readership.count(magazine["dogs-2"].pk)
    tree = parse_html(home(client))
    most_read = next(
        s for s in tree.iter("section") if s.get("aria-labelledby") == "most-read-heading"
    )
    assert titles(most_read, "most-read") == ["Cats story 3", "Dogs story 2", "Birds story 4"]


def test_home_has_website_and_organization_json_ld(client, magazine):
    graph = json_ld(home(client))[0]["@graph"]
    kinds = {item["@type"]: item for item in graph}
    assert kinds["WebSite"]["url"] == "http://testserver/"
    target = kinds["WebSite"]["potentialAction"]["target"]["urlTemplate"]
    assert target == "http://testserver/search/?q={search_term_string}"
    assert kinds["Organization"]["name"] == "Doggy Diary"
    assert kinds["Organization"]["logo"]["url"].startswith("http://testserver/static/")


def test_an_empty_magazine_has_a_front_page(client, sections):
    page = home(client)
    assert "No stories yet" in page
    parse_html(page)


def test_a_small_magazine_links_to_no_empty_second_page(client, settings, sections):
    for _ in range(8):
        make_article(category=sections["dogs"])
    settings.ARTICLES_PER_PAGE = 8
    page = home(client)
    assert "Latest" in page
    assert 'href="?page=2"' not in page


def test_the_front_page_is_a_page_cache_hit_until_most_read_changes(client, settings, magazine):
    settings.PAGE_CACHE = True
    assert client.get("/")["X-Page-Cache"] == "miss"
    assert client.get("/")["X-Page-Cache"] == "hit"
    readership.count(magazine["dogs-4"].pk)  # the week's most read changed
    assert client.get("/")["X-Page-Cache"] == "miss"
    assert client.get("/")["X-Page-Cache"] == "hit"
    # A view that does not change the order moves nothing.
    readership.count(magazine["dogs-4"].pk)
    assert client.get("/")["X-Page-Cache"] == "hit"
    assert set(PAGES["articles:home"]["depends"]) == {"content", "home", "readership"}


def test_with_views_counted_later_the_front_page_lags_until_they_are_written(
    client, settings, magazine
):
    settings.PAGE_CACHE = True
    settings.READERSHIP_FLUSH_SECONDS = 3600
    client.get("/")
    readership.count(magazine["cats-4"].pk)
    assert client.get("/")["X-Page-Cache"] == "hit"
    assert "Most read" not in client.get("/").content.decode()
    readership.flush()
    response = client.get("/")
    assert response["X-Page-Cache"] == "miss"
    assert "Cats story 4" in response.content.decode().rsplit("most-read-heading", 1)[1]


@pytest.mark.parametrize("per_section", [6, 9])
def test_the_front_page_makes_the_same_queries_however_many_stories(
    client, settings, sections, django_assert_num_queries, per_section
):
    """Rendered from scratch, with four sections (one empty) and views counted:
    navigation, footer pages, the pinned, the featured lead, the newest ids with
    their sections and comment counts (every band's stories and the most discussed
    are among them), the sections in order, every story shown in one query (author,
    section and picture joined: no query per card), then the week's most read ids and
    their stories. More stories or sections add none."""
    settings.PAGE_CACHE = False
    settings.FRAGMENT_CACHE = False
    for name in ("dogs", "cats", "birds"):
        for _ in range(per_section):
            story = make_article(category=sections[name], hero_image=make_image(300, 200))
            readership.count(story.pk)
    client.get("/")  # content types and the like, once per process
    with django_assert_num_queries(9):
        page = home(client)
    assert page.count('class="band"') == 3
    assert "most-read-heading" in page


def test_editors_pin_and_unpin_in_the_story_form_and_find_pins_in_the_list(client, magazine):
    """Pinning is a field of the story form's Publishing box; a place that does not
    exist is refused with a message; the list filters what is pinned."""
    editor = make_user("eddie", EDITORS)
    client.force_login(editor)
    story = magazine["birds-3"]
    url = reverse("admin:articles_article_change", args=[story.pk])
    refused = client.post(url, story_form(story, home_pin="9"))
    assert refused.status_code == 200
    assert "Ensure this value is less than or equal to 5" in refused.content.decode()
    assert client.post(url, story_form(story, home_pin="1")).status_code == 302
    client.logout()
    lead = parse_html(home(client)).find(".//article[@class='lead']//h2")
    assert "".join(lead.itertext()) == "Birds story 3"
    client.force_login(editor)
    pinned = client.get(reverse("admin:articles_article_changelist") + "?pinned=yes")
    assert "Birds story 3" in pinned.content.decode()
    assert "Dogs story 0" not in pinned.content.decode()
    assert client.post(url, story_form(story, home_pin="")).status_code == 302
    client.logout()
    lead = parse_html(home(client)).find(".//article[@class='lead']//h2")
    assert "".join(lead.itertext()) == "Dogs story 0"
