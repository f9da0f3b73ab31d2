"""What a reader does, in Debian's Chromium driven by Playwright."""

import json
from pathlib import Path

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture
def demo(live_server):
    call_command("load_demo", scale=0.5, verbosity=0)
    return live_server


def scroll_through(page):
    """Scroll down the page and wait for every image, lazy ones included, to load;
    a picture that fails to load fails the test."""
    page.evaluate(
        """async () => {
            for (let y = 0; y < document.body.scrollHeight; y += 600) {
                window.scrollTo(0, y);
                await new Promise(r => setTimeout(r, 20));
            }
            await Promise.all([...document.images].map(img => {
                img.loading = "eager";
                return img.decode().catch(() => null);
            }));
        }"""
    )
    broken = page.evaluate("[...document.images].filter(i => i.naturalWidth === 0).map(i => i.src)")
    assert broken == []


def test_reader_follows_a_story_a_related_story_and_a_tag(demo, browser_page):
    page = browser_page
    page.goto(demo.url + "/")
    assert page.title().startswith("Doggy Diary")
    scroll_through(page)

    with page.expect_navigation():
        page.locator("article.lead h2 a").click()
    assert "/story/kangaroo-and-possum-best-friends/" in page.url
    assert "Kangaroo" in page.locator("h1").inner_text()
    assert page.locator("h1").count() == 1
    assert page.locator(".author-box").is_visible()
    scroll_through(page)

    related = page.locator(".more-like-this article.card h3 a").first
    related_title = related.inner_text()
    with page.expect_navigation():
        related.click()
    assert page.locator("h1").inner_text() == related_title
    scroll_through(page)

    tag = page.locator("ul.tags a").first
    tag_name = tag.inner_text()
    with page.expect_navigation():
        tag.click()
    assert "/tag/" in page.url
    assert tag_name in page.locator("h1").inner_text()
    assert page.locator("article.card").count() >= 1
    scroll_through(page)

    assert page.console_errors == []
    assert page.foreign_requests == []


def test_keyboard_user_can_skip_to_content(demo, browser_page):
    page = browser_page
    page.goto(demo.url + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Skip to content"
    assert page.locator(".skip-link").bounding_box()["y"] >= 0
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


def test_search_from_the_header(demo, browser_page):
    page = browser_page
    page.goto(demo.url + "/")
    page.fill("#site-search-q", "Kangaroo")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/search/?q=Kangaroo" in page.url
    assert page.locator("article.card").count() >= 1
    assert page.console_errors == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations(demo, browser_page, scheme):
    assert AXE.exists(), "axe-core is missing: run ./scripts/ensure-browser"
    page = browser_page
    page.emulate_media(color_scheme=scheme)
    source = AXE.read_text()
    paths = [
        "/",
        "/story/kangaroo-and-possum-best-friends/",
        "/category/odd-couples/",
        "/author/priya-dunmore/",
        "/search/?q=dog",
        "/no-such-page/",
    ]
    for path in paths:
        page.goto(demo.url + path)
        scroll_through(page) if path != "/no-such-page/" else None
        # Runtime evaluation is not subject to the page's CSP, which rightly
        # refuses injected <script> elements.
        page.evaluate(source)
        result = page.evaluate(
            "axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice']})"
        )
        violations = [
            {"id": v["id"], "nodes": [n["target"] for n in v["nodes"]][:3]}
            for v in result["violations"]
        ]
        assert violations == [], f"{path} ({scheme}): {json.dumps(violations)}"
