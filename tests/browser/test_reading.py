"""What a reader does, in Debian's Chromium driven by Playwright."""

import json

import pytest
from playwright.sync_api import expect

from articles.models import PinnedRelation, SocialPost
from comments.models import DiscussionSettings

from ..factories import make_article, make_author, make_category, make_comment, make_image
from ..helpers import axe_violations, scroll_through

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LEAD_SLUG = "kangaroo-and-possum-best-friends"
POST_ADDRESS = "https://www.tiktok.com/@doggydiarydemo/video/7318842265310924065"


def story_body(figure):
    """A story body with every construct an editor can use."""
    return f"""
<p>Every litter has one: the smallest, who needs a little more help than the rest. Last spring
a foster carer looked after two of them at once, a <strong>kitten</strong> and a puppy.</p>
<blockquote><p>I put them down side by side for a minute, and they were asleep.</p>
<cite>Dana Whitlow, volunteer foster carer</cite></blockquote>
<h2>Growing up together</h2>
<figure><img src="{figure.file.url}" alt="{figure.alt}">
<figcaption>Weeks of shared feeds turned two runts into a double act.</figcaption></figure>
<ol><li>Bottle feeds every two hours.</li><li>One shared blanket.</li></ol>
<ul><li>A scratching post for Kangaroo.</li><li>Chew toys for Possum.</li></ul>
<aside class="callout"><h3>Could you foster?</h3><p>Rescues rely on volunteers.</p>
<p><a href="https://fostering.example.org/volunteer">Find out how fostering works</a></p></aside>
<p><a href="{POST_ADDRESS}">Nap time for Kangaroo and Possum</a></p>
"""


@pytest.fixture
def magazine(live_server, settings):
    """A small magazine with every kind of page a reader meets: a featured story with
    pictures, a social post, tags, a comment thread and related stories, and two pages
    each of home, section, author and search results."""
    settings.ARTICLES_PER_PAGE = 2
    odd_couples = make_category(
        name="Odd couples", slug="odd-couples", description="Friendships across species."
    )
    rescue = make_category(name="Rescue", slug="rescue", description="Second chances.")
    priya = make_author(
        name="Priya Dunmore",
        slug="priya-dunmore",
        photo=make_image(400, 400, alt="Illustrated portrait of Priya Dunmore"),
    )
    sam = make_author(name="Sam Okoro", slug="sam-okoro")
    SocialPost.objects.create(
        address=POST_ADDRESS,
        author_name="@doggydiarydemo",
        first_line="Kangaroo has claimed the blanket again, and Possum has decided to allow it.",
        poster=make_image(720, 1280, alt="A puppy and a kitten asleep on a blanket"),
    )
    lead = make_article(
        title="Kangaroo and Possum: The Runt Kitten and the Runt Puppy Who Grew Up Together",
        slug=LEAD_SLUG,
        dek="A kitten, a puppy dog and one shared blanket.",
        body=story_body(make_image(1200, 800, alt="A puppy and a kitten asleep on a blanket")),
        hero_image=make_image(
            1600,
            1000,
            alt="A golden puppy beside a small tabby kitten on a grassy hill",
            caption="Possum and Kangaroo, as our illustrator imagines them.",
            credit="Illustration: Doggy Diary",
        ),
        author=priya,
        category=odd_couples,
        featured=True,
        tags=["kittens", "puppies", "fostering", "best friends"],
    )
    make_comment(lead, name="Margot Ellery", body="Our old lurcher raised a kitten.")
    second = make_comment(
        lead,
        name="Dev Okafor",
        website="https://devfosters.example/",
        body="Bottle feeding two runts is hard graft.\n\nThe night feeds end sooner than you fear.",
    )
    make_comment(lead, parent=second, name="Margot Ellery", body="Thank you, Dev.")
    related = [
        make_article(
            title="Kitten season: foster carers wanted",
            dek="The shelter needs homes for a hundred kittens and a few dogs.",
            hero_image=make_image(),
            author=sam,
            category=rescue,
            tags=["kittens", "fostering"],
        ),
        make_article(
            title="Pepper the parrot and the greyhound",
            dek="A dog who learned to fetch for a bird.",
            hero_image=make_image(),
            author=priya,
            category=odd_couples,
            tags=["best friends"],
        ),
        make_article(
            title="Marmalade the bus cat",
            dek="She rides the number 12 with her dog friend every morning.",
            hero_image=make_image(),
            author=priya,
            category=odd_couples,
            tags=["best friends", "cats"],
        ),
        make_article(
            title="Puppy class at the library",
            dek="Young dogs learn to sit quietly among the books.",
            author=sam,
            category=rescue,
            tags=["puppies"],
        ),
    ]
    for position, story in enumerate(related[:2]):
        PinnedRelation.objects.create(from_article=lead, to_article=story, position=position)
    return live_server


def test_reader_follows_a_story_a_related_story_and_a_tag(magazine, browser_page):
    page = browser_page
    page.goto(magazine.url + "/")
    assert page.title().startswith("Doggy Diary")
    scroll_through(page)

    page.locator("article.lead h2 a").click()
    page.wait_for_url(f"**/story/{LEAD_SLUG}/")
    assert "Kangaroo" in page.locator("h1").inner_text()
    assert page.locator("h1").count() == 1
    expect(page.locator(".author-box")).to_be_visible()
    scroll_through(page)

    related = page.locator(".more-like-this article.card h3 a").first
    related.scroll_into_view_if_needed()
    related_title = related.inner_text()
    related.click()
    expect(page.locator("h1")).to_have_text(related_title)
    scroll_through(page)

    tag = page.locator("ul.tags a").first
    tag_name = tag.inner_text()
    tag.click()
    page.wait_for_url("**/tag/**")
    assert tag_name in page.locator("h1").inner_text()
    assert page.locator("article.card").count() >= 1
    scroll_through(page)

    assert page.console_errors == []
    assert page.foreign_requests == []


def test_keyboard_user_can_skip_to_content(live_server, browser_page):
    make_article()
    page = browser_page
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Skip to content"
    assert page.locator(".skip-link").bounding_box()["y"] >= 0
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


def test_search_from_the_header(live_server, browser_page):
    make_article(title="Kangaroo the kitten finds a friend")
    page = browser_page
    page.goto(live_server.url + "/")
    page.fill("#site-search-q", "Kangaroo")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=Kangaroo")
    assert page.locator("article.card").count() >= 1
    assert page.console_errors == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations(magazine, browser_page, scheme):
    page = browser_page
    page.emulate_media(color_scheme=scheme)
    paths = [
        "/",
        f"/story/{LEAD_SLUG}/",
        "/category/odd-couples/",
        "/tag/kittens/",
        "/author/priya-dunmore/",
        "/search/",
        "/search/?q=dog",
        "/search/?q=kiten",  # the respelling's results
        "/search/?q=zzqxj",  # nothing found
        "/privacy/",
        "/newsletter/",
        "/no-such-page/",
        "/story/kangaroo-and-posum/",  # not found, with stories offered
    ]
    for path in paths:
        response = page.goto(magazine.url + path)
        if response.status != 404:
            scroll_through(page)
        violations = axe_violations(page, ["wcag2a", "wcag2aa", "wcag21aa", "best-practice"])
        assert violations == [], f"{path} ({scheme}): {json.dumps(violations)}"


def test_chromium_reads_a_compressed_cached_story(live_server, browser_page, settings):
    """A cache hit is the stored page's gzip stream: Chromium checks its CRC and length
    and shows the page; the comment form asks for a time of its own when the reader
    starts on it (the stored page carries none)."""
    settings.PAGE_CACHE = True
    story = make_article(title="Spliced but whole", hero_image=make_image())
    DiscussionSettings.load()  # made on first use, which is itself a change
    url = live_server.url + story.get_absolute_url()
    # Two readers, each in a browser context of their own (a reader's own second
    # view would revalidate with the ETag and show the copy their browser kept).
    second_reader = browser_page.context.browser.new_context()
    tokens = []
    try:
        for page, expected in ((browser_page, "miss"), (second_reader.new_page(), "hit")):
            response = page.goto(url)
            assert response.headers["x-page-cache"] == expected
            assert page.locator("h1").inner_text() == "Spliced but whole"
            assert page.locator('input[name="shown"]').input_value() == ""
            page.click("#id_body")
            expect(page.locator('input[name="shown"]')).not_to_have_value("")
            tokens.append(page.locator('input[name="shown"]').input_value())
            assert page.locator("footer").count() >= 1
        assert response.headers["content-encoding"] == "gzip"
    finally:
        second_reader.close()
    assert tokens[0] != tokens[1]
    assert browser_page.console_errors == []


def test_a_long_discussion_passes_axe_as_first_loaded(live_server, browser_page):
    """axe as Lighthouse runs it, on the page as it first loads (no scrolling): a long
    discussion's Reply links, the related cards and the footer, each a target big
    enough and apart from the others (WCAG 2.2 target size)."""
    story = make_article(title="A story people talk about", hero_image=make_image())
    for n in range(3):
        other = make_article(title=f"Related tale {n}", hero_image=make_image())
        PinnedRelation.objects.create(from_article=story, to_article=other)
    for n in range(30):
        make_comment(story, name=f"Reader {n}", body=f"Comment number {n}, kind words.")
    page = browser_page
    page.goto(live_server.url + story.get_absolute_url())
    violations = axe_violations(page, ["wcag2a", "wcag2aa", "wcag22aa"])
    assert violations == [], json.dumps(violations)


def test_a_comment_refused_by_the_server_says_so_and_passes_axe(magazine, browser_page):
    """Issue 23: after a server-side error the title starts with "Error:", each message
    is shown once, the first field with an error has the focus, and axe finds nothing."""
    page = browser_page
    page.goto(magazine.url + f"/story/{LEAD_SLUG}/")
    page.evaluate("document.querySelector('.comment-form').noValidate = true")
    page.fill("#id_body", "A lovely story.")
    page.fill("#id_name", "Jo Reader")
    page.fill("#id_email", "jo@example.com")
    page.fill("#id_website", "not a web address")
    page.wait_for_timeout(3100)  # slower than a robot (COMMENT_MIN_SECONDS)
    with page.expect_navigation():
        page.click("button:has-text('Post Comment')")
    assert page.title().startswith("Error: ")
    assert page.get_by_text("That does not look like a web address").count() == 1
    assert page.evaluate("document.activeElement.id") == "id_website"
    page.evaluate("document.activeElement.blur()")
    page.locator("#comment-form-alert a[href='#id_website']").click()
    assert page.evaluate("document.activeElement.id") == "id_website"
    violations = axe_violations(page, ["wcag2a", "wcag2aa", "wcag21aa", "best-practice"])
    assert violations == [], json.dumps(violations)


def test_a_post_card_before_and_after_a_failed_player_passes_axe(magazine, browser_page):
    page = browser_page
    page.goto(magazine.url + f"/story/{LEAD_SLUG}/")
    card = page.locator("figure.embed")
    card.scroll_into_view_if_needed()
    assert card.locator("picture img").is_visible()
    rules = ["wcag2a", "wcag2aa", "wcag21aa", "best-practice"]
    assert axe_violations(page, rules) == []
    page.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith(magazine.url)
            else route.abort("connectionrefused")
        ),
    )
    card.get_by_role("button").click()
    card.get_by_role("status").wait_for(timeout=15_000)
    assert axe_violations(page, rules) == []
    page.console_errors.clear()  # the refused connection is the provider's, not ours
