"""The admin's story list and home at a 1366×768 laptop with the navigation sidebar
open: every column is seen without a sideways scroll."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from playwright.sync_api import expect

from ..factories import make_article, make_author, make_category, make_comment
from ..helpers import axe_violations, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-editor-password"
# The page, and the admin's table wrapper (which scrolls sideways on its own).
OVERFLOW = """() => [document.documentElement, ...document.querySelectorAll('.results')]
    .filter(el => el.scrollWidth > el.clientWidth + 1)
    .map(el => `${el.id || el.className || el.tagName}: ${el.scrollWidth} > ${el.clientWidth}`)"""


@pytest.fixture
def editor(roles):
    user = get_user_model().objects.create_user("eddie", "e@example.com", PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def test_story_list_fits_a_laptop_with_the_sidebar_open(live_server, browser_page, editor):
    author = make_author(name="Philippa Montgomery-Fairweather", slug="philippa")
    section = make_category(name="Health and wellbeing", slug="health")
    for n in range(12):
        story = make_article(
            title=f"How a shy rescue greyhound learned to love the seaside, part {n}",
            author=author,
            category=section,
            status="draft" if n % 3 == 0 else "published",
        )
        make_comment(story)
        make_comment(story, status="pending")
    page = browser_page
    page.set_viewport_size({"width": 1366, "height": 768})
    log_in(page, live_server.url, "eddie", PASSWORD)
    page.goto(live_server.url + reverse("admin:articles_article_changelist"))
    expect(page.locator("#nav-sidebar")).to_be_visible()  # the sidebar is open
    assert page.locator("#result_list tbody tr").count() == 12
    assert page.evaluate(OVERFLOW) == []
    # Every column's heading is inside the window.
    right_edges = page.evaluate(
        "[...document.querySelectorAll('#result_list thead th')]"
        ".map(th => th.getBoundingClientRect().right)"
    )
    assert max(right_edges) <= 1366
    assert page.console_errors == []


def test_admin_home_fits_and_passes_axe(live_server, browser_page, editor):
    make_article(title="Waiting for an editor", status="review")
    page = browser_page
    page.set_viewport_size({"width": 1366, "height": 768})
    log_in(page, live_server.url, "eddie", PASSWORD)
    page.goto(live_server.url + reverse("admin:index"))
    expect(page.locator("#home-in-review")).to_be_visible()
    assert "Waiting for an editor" in page.locator("#home-in-review").inner_text()
    assert page.evaluate(OVERFLOW) == []
    boxes = page.evaluate(
        "[...document.querySelectorAll('.newsroom-box')].map(b => b.getBoundingClientRect().right)"
    )
    assert boxes
    assert max(boxes) <= 1366
    violations = axe_violations(page, ["wcag2a", "wcag2aa"])
    assert violations == []
