"""The front page as a reader meets it at 390 and 1366 px: a pinned lead, a second
tier, section bands, "Most discussed", and "Most read" following what is read, with
no cookie; every section reachable on a phone; every story ending with a next one."""

import json
import time
from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article, Page, StoryViews

from ..factories import make_article, make_category, make_comment, make_image
from ..helpers import axe_violations, scroll_through

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SECTIONS = ["Rescue", "Health and Care", "Training", "Odd Couples", "Cats and Kittens",
            "Letters from Readers"]  # fmt: skip
AXE_RULES = ["wcag2a", "wcag2aa", "wcag21aa", "best-practice"]


@pytest.fixture
def magazine(live_server, settings):
    settings.PAGE_CACHE = True  # the front page is served from the page cache
    now = timezone.now()
    stories = {}
    for index, name in enumerate(SECTIONS):
        section = make_category(name=name, slug=name.lower().replace(" ", "-"))
        for n in range(4):
            story = make_article(
                title=f"{name}: story {n + 1} with a headline of ordinary length",
                slug=f"{section.slug}-{n + 1}",
                dek="A standfirst long enough to run past two lines on any screen, so that "
                "the cards have to cut it short: it goes on about dogs, cats, walks, "
                "vets, treats, rescues, blankets and the people who love them all.",
                category=section,
                hero_image=make_image(600, 400),
                publish_at=now - timedelta(hours=n * len(SECTIONS) + index + 1),
            )
            stories[story.slug] = story
    for slug, place in [("training-4", 1), ("odd-couples-3", 2)]:
        stories[slug].home_pin = place
        stories[slug].save()
    for _ in range(2):
        make_comment(stories["rescue-2"], body="So glad she found a home.")
    Article.objects.filter(slug="rescue-2").update(comment_count=2)
    today = timezone.localdate()
    for slug, views in [("rescue-1", 6), ("health-and-care-1", 4), ("training-1", 2)]:
        StoryViews.objects.create(article=stories[slug], day=today, views=views)
    return stories


def max_standfirst_lines(page, selector):
    """The most lines any card's standfirst shows (each is long enough for more)."""
    return max(
        page.locator(selector).evaluate_all(
            "found => found.map(e => Math.round(e.getBoundingClientRect().height"
            " / parseFloat(getComputedStyle(e).lineHeight)))"
        )
    )


def most_read(page):
    return page.locator(".most-read .item__title a").all_inner_texts()


def read(page, base, story, times):
    """Open the story ``times`` times, as a reader would, and wait for each count."""
    for _ in range(times):
        before = StoryViews.objects.filter(article=story).first()
        before = before.views if before else 0
        page.goto(base + story.get_absolute_url())
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            row = StoryViews.objects.filter(article=story).first()
            if row and row.views > before:
                break
            time.sleep(0.05)
        else:
            raise AssertionError("the view was not counted")


@pytest.mark.parametrize("width", [390, 1366])
def test_a_reader_sees_a_magazine_front_page_and_most_read_follows_reading(
    magazine, live_server, browser_page, width
):
    page = browser_page
    page.set_viewport_size({"width": width, "height": 900})
    base = live_server.url
    page.goto(base + "/")
    assert "Training: story 4" in page.locator("article.lead h2").inner_text()
    second = page.locator(".second-tier .tile__title").all_inner_texts()
    assert second[0].startswith("Odd Couples: story 3")
    assert len(second) == 4
    assert page.locator("section.band").count() >= 3
    assert "Rescue: story 2" in page.locator("#discussed-heading + ol").inner_text()
    assert most_read(page)[:3] == [
        magazine["rescue-1"].title, magazine["health-and-care-1"].title,
        magazine["training-1"].title,
    ]  # fmt: skip
    assert max_standfirst_lines(page, ".tile__standfirst") <= 2
    scroll_through(page)
    assert axe_violations(page, AXE_RULES) == []

    target = magazine["cats-and-kittens-4"]
    read(page, base, target, 3)
    page.goto(base + "/")
    assert most_read(page).index(target.title) == 2  # 3 views: after 6 and 4
    read(page, base, target, 4)
    page.goto(base + "/")
    assert most_read(page)[0] == target.title  # 7 views: first
    assert StoryViews.objects.get(article=target).views == 7
    assert page.context.cookies() == []
    assert page.foreign_requests == []
    assert page.console_errors == []


def test_every_section_is_reachable_on_a_phone(magazine, live_server, browser_page):
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    base = live_server.url
    page.goto(base + "/")
    links = page.locator(".site-nav a")
    assert links.count() == len(SECTIONS) + 1
    last = links.nth(links.count() - 1)
    # The row is wider than the phone: the last section starts off-screen, and the
    # row shows a cue (its shadow) that there is more to the right.
    assert last.bounding_box()["x"] + last.bounding_box()["width"] > 390
    background = page.locator(".site-nav ul").evaluate("e => getComputedStyle(e).backgroundImage")
    assert "gradient" in background
    name, address = last.inner_text(), last.get_attribute("href")
    with page.expect_navigation():
        last.click()  # Playwright scrolls it into view as a finger would
    assert page.url == base + address
    assert page.locator("h1").inner_text() == name
    assert max_standfirst_lines(page, ".card__standfirst") <= 2


@pytest.mark.parametrize("width", [390, 1366])
def test_every_story_ends_with_a_next_story(magazine, live_server, browser_page, width):
    page = browser_page
    page.set_viewport_size({"width": width, "height": 900})
    base = live_server.url
    for slug in ("training-1", "training-4", "letters-from-readers-4"):
        page.goto(base + magazine[slug].get_absolute_url())
        following = page.locator(".story-end a[rel=next]")
        assert following.count() == 1
        crumbs = page.locator("nav[aria-label=Breadcrumb] a").all_inner_texts()
        assert crumbs[:2] == ["Home", magazine[slug].category.name]
    with page.expect_navigation():
        following.click()
    assert page.locator("h1").count() == 1
    violations = axe_violations(page, AXE_RULES)
    assert violations == [], json.dumps(violations)


@pytest.mark.parametrize("width", [390, 1366])
def test_pages_and_numbered_archives_pass_axe(magazine, live_server, browser_page, settings, width):
    settings.ARTICLES_PER_PAGE = 1
    Page.objects.create(title="About us", slug="about", body="<p>Who we are.</p>",
                        status=Page.Status.PUBLISHED, in_footer=True)  # fmt: skip
    page = browser_page
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + "/category/training/?page=2")
    # Four pages, all numbered ("Page" is for screen readers only).
    numbers = page.locator(".pagination__pages a").all_text_contents()
    assert numbers == ["Page 1", "Page 2", "Page 3", "Page 4"]
    assert page.locator(".pagination [aria-current=page]").inner_text().endswith("2")
    violations = axe_violations(page, AXE_RULES)
    assert violations == [], json.dumps(violations)
    with page.expect_navigation():
        page.locator(".site-footer a", has_text="About us").click()
    assert page.locator("h1").inner_text() == "About us"
    violations = axe_violations(page, AXE_RULES)
    assert violations == [], json.dumps(violations)
    assert page.context.cookies() == []
