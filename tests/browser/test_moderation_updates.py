"""The keyboard moderation screen keeps the header's count and "Recent decisions"
current after each decision, without a reload; and the old comment list fits a
1366 px laptop without a sideways scroll, in Chromium."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from playwright.sync_api import expect

from ..factories import make_article, make_comment
from ..helpers import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-moderator-password"
LAPTOP = {"width": 1366, "height": 768}
OVERFLOW = """() => [document.documentElement, ...document.querySelectorAll('.results')]
    .filter(el => el.scrollWidth > el.clientWidth + 1)
    .map(el => `${el.id || el.className || el.tagName}: ${el.scrollWidth} > ${el.clientWidth}`)"""


@pytest.fixture
def moderator(roles):
    user = get_user_model().objects.create_user("mod", "mod@example.com", PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


def header_count(page):
    return page.locator("#pending-comments").text_content()


def test_a_decision_updates_the_header_count_and_recent_decisions(
    live_server, browser_page, moderator
):
    story = make_article(title="The dog who learned to surf")
    rows = [make_comment(story, name=f"Reader {n}", status="pending") for n in range(3)]
    page = browser_page
    page.set_viewport_size(LAPTOP)
    log_in(page, live_server.url, "mod", PASSWORD)
    page.goto(live_server.url + reverse("admin:comments_comment_moderation"))
    assert header_count(page) == "Comments awaiting moderation: 3"
    assert "No decisions yet." in page.locator(".mod-trail").inner_text()

    page.keyboard.press("j")
    page.keyboard.press("a")
    newest = rows[-1]
    page.wait_for_selector(f"#mod-{newest.pk}[data-status='approved']", state="attached")
    expect(page.locator("#pending-comments")).to_have_text("Comments awaiting moderation: 2")
    trail = page.locator(".mod-trail")
    expect(trail).to_contain_text("the comment by Reader 2")
    assert "pending → approved" in trail.inner_text()

    page.keyboard.press("u")
    page.wait_for_selector(f"#mod-{newest.pk}[data-status='pending']", state="attached")
    expect(page.locator("#pending-comments")).to_have_text("Comments awaiting moderation: 3")
    expect(page.locator(".mod-trail li")).to_have_count(2)
    assert page.console_errors == []


def test_the_old_comment_list_fits_a_laptop(live_server, browser_page, moderator):
    story = make_article(
        title="How a shy rescue greyhound learned to love the seaside and the people there"
    )
    for n in range(12):
        make_comment(
            story,
            name=f"Philippa Montgomery-Fairweather {n}",
            email=f"philippa.montgomery-fairweather{n}@a-rather-long-domain.example.org",
            website=f"https://philippa-montgomery-fairweather-{n}.example.org/about/me/",
            body="A long comment with a longwordthatdoesnotbreakanywhereatallreally " * 6,
            status="pending" if n % 2 else "approved",
        )
    page = browser_page
    page.set_viewport_size(LAPTOP)
    log_in(page, live_server.url, "mod", PASSWORD)
    page.goto(live_server.url + reverse("admin:comments_comment_changelist"))
    assert page.locator("#nav-sidebar").is_visible()
    assert page.locator("#result_list tbody tr").count() == 12
    assert page.evaluate(OVERFLOW) == []
    right_edges = page.evaluate(
        "[...document.querySelectorAll('#result_list thead th')]"
        ".map(th => th.getBoundingClientRect().right)"
    )
    assert max(right_edges) <= 1366
