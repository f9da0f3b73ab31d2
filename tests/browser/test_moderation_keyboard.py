"""A moderator clears the queue on the keyboard moderation screen, in Chromium: with the
keys only, and again with JavaScript off through the rows' forms. The public story
then shows exactly the approved comments and the moderator's reply."""

import time

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from playwright.sync_api import expect

from comments.models import Comment, ModerationAction

from ..factories import make_article, make_comment
from ..helpers import axe_violations, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-moderator-password"
SCREEN = "admin:comments_comment_moderation"
LAPTOP = {"width": 1366, "height": 768}


@pytest.fixture
def moderator(roles):
    user = get_user_model().objects.create_user("mod", "mod@example.com", PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


@pytest.fixture
def queue():
    """A story with one approved comment and 20 pending ones (one of them a reply to
    it), in the order the screen lists them: newest first."""
    story = make_article(title="The dog who learned to surf", slug="surfing-dog")
    welcome = make_comment(story, name="Robin", body="Welcome to the beach, everyone.")
    pending = [
        make_comment(
            story,
            name=f"Reader {n}",
            email=f"reader{n}@example.org",
            website=f"https://reader{n}.example.org/" if n % 3 == 0 else "",
            body=f"Comment number {n}: what a clever dog, it surfs better than I do.",
            ip_address=f"192.0.2.{n}",
            reasons=["every comment is approved by hand"],
            status="pending",
            parent=welcome if n == 4 else None,
        )
        for n in range(1, 21)
    ]
    return story, welcome, list(reversed(pending))


def public_bodies(page, base_url, story):
    page.goto(base_url + story.get_absolute_url())
    return sorted(page.locator(".comment__body").all_inner_texts())


def test_a_moderator_clears_twenty_comments_with_the_keyboard(
    live_server, browser_page, moderator, queue
):
    story, welcome, rows = queue
    page = browser_page
    page.set_viewport_size(LAPTOP)
    log_in(page, live_server.url, "mod", PASSWORD)
    page.goto(live_server.url + reverse(SCREEN))

    # Fits a laptop with the admin's sidebar open: no sideways scroll, compact rows.
    expect(page.locator("#nav-sidebar")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    heights = page.eval_on_selector_all(
        ".mod-row", "rows => rows.map(r => r.getBoundingClientRect().height)"
    )
    assert len(heights) == 20
    assert max(heights) <= 90, heights
    print(f"\nmoderation: rows {min(heights):.0f}-{max(heights):.0f} px tall at 1366x768")
    visible = page.evaluate(
        "[...document.querySelectorAll('.mod-row')]"
        ".filter(r => r.getBoundingClientRect().bottom <= innerHeight).length"
    )
    assert visible >= 3
    expect(page.locator(".mod-keys")).to_be_visible()
    violations = axe_violations(page, ["wcag2a", "wcag2aa", "wcag21aa", "best-practice"])
    assert violations == [], violations

    def press(key, row=None, status=None):
        page.keyboard.press(key)
        if row is not None:
            page.wait_for_selector(f"#mod-{row.pk}[data-status='{status}']", state="attached")

    def focused_row():
        return page.evaluate("document.activeElement.dataset.comment")

    approved, started = set(), time.perf_counter()
    press("j")  # the first row takes the focus
    assert focused_row() == str(rows[0].pk)
    for row in rows[:6]:  # approve six in a row: focus moves on by itself
        press("a", row, "approved")
        approved.add(row.pk)
    assert focused_row() == str(rows[6].pk)
    press("s", rows[6], "spam")
    press("t", rows[7], "trash")
    press("u", rows[7], "pending")  # the trash was a mistake
    assert focused_row() == str(rows[7].pk)
    assert "back where it was" in page.locator("#mod-status").inner_text()
    press("a", rows[7], "approved")
    approved.add(rows[7].pk)

    # Reply inline: the comment is approved with the reply.
    assert focused_row() == str(rows[8].pk)
    press("j")
    press("j")
    press("k")
    reader = rows[9]
    press("k")
    press("j")
    assert focused_row() == str(rows[9].pk)
    press("r")
    assert page.evaluate("document.activeElement.id") == f"mod-reply-{reader.pk}"
    page.keyboard.type("Thank you! Our photographer caught the whole ride.")
    press("Control+Enter", reader, "approved")
    approved.add(reader.pk)
    assert "Replied to" in page.locator("#mod-status").inner_text()

    # rows[8] is still pending; select it and the next two, and mark all three as spam.
    press("k")
    press("k")
    assert focused_row() == str(rows[8].pk)
    press("x")
    press("j")
    press("j")
    press("x")
    press("j")
    press("x")
    assert page.locator("input[form='mod-bulk']:checked").count() == 3
    press("s", rows[11], "spam")
    for row in (rows[8], rows[10], rows[11]):
        assert page.locator(f"#mod-{row.pk}").get_attribute("data-status") == "spam"
    assert page.locator("input[form='mod-bulk']:checked").count() == 0

    # The rest: approve, with a trash and a spam among them.
    for row, key, status in zip(
        rows[12:],
        "atasaaaa",
        ["approved", "trash", "approved", "spam", *["approved"] * 4],
        strict=True,
    ):
        assert focused_row() == str(row.pk)
        press(key, row, status)
        if status == "approved":
            approved.add(row.pk)
    seconds = time.perf_counter() - started
    assert "Nothing else waits on this page." in page.locator("#mod-status").inner_text()
    assert page.locator("[data-count='pending']").inner_text() == "0"
    print(f"\nmoderation: 20 comments cleared with the keyboard in {seconds:.1f} s")
    violations = axe_violations(page, ["wcag2a", "wcag2aa", "wcag21aa", "best-practice"])
    assert violations == [], violations  # decided rows too

    assert set(Comment.objects.filter(status="pending").values_list("pk", flat=True)) == set()
    assert ModerationAction.objects.filter(kind="undo").count() == 1
    assert ModerationAction.objects.filter(kind="reply").count() == 1
    assert page.console_errors == []
    assert page.foreign_requests == []

    reply = Comment.objects.get(is_staff_reply=True)
    expected = sorted(Comment.objects.get(pk=pk).body for pk in [welcome.pk, reply.pk, *approved])
    assert len(expected) == 16  # Robin's, the reply and 14 of the 20
    assert public_bodies(page, live_server.url, story) == expected


def test_the_same_with_javascript_off(live_server, browser_page, moderator, queue):
    story, welcome, rows = queue
    context = browser_page.context.browser.new_context(java_script_enabled=False, viewport=LAPTOP)
    page = context.new_page()
    log_in(page, live_server.url, "mod", PASSWORD)
    screen = live_server.url + reverse(SCREEN)
    page.goto(screen)
    assert page.locator(".mod-row").count() == 20

    def click(locator, message):
        locator.click()
        expect(page.locator(".messagelist")).to_contain_text(message)

    def button(row, decision):
        return page.locator(f"#mod-{row.pk} .mod-row__actions button[data-decision='{decision}']")

    approved = set()
    for row in rows[:6]:
        click(button(row, "approved"), f"Approved: the comment by {row.name}.")
        approved.add(row.pk)
    click(button(rows[6], "spam"), "Marked as spam")
    click(button(rows[7], "trash"), "Moved to trash")
    undo = page.locator(".mod-trail li").first.get_by_role("button", name="Undo")
    click(undo, "back where it was")
    click(button(rows[7], "approved"), "Approved")
    approved.add(rows[7].pk)

    reader = rows[9]
    page.locator(f"#mod-{reader.pk} .mod-reply summary").click()
    page.fill(f"#mod-reply-{reader.pk}", "Thank you! Our photographer caught the whole ride.")
    click(page.locator(f"#mod-{reader.pk} button[data-decision='reply']"), "Replied to")
    approved.add(reader.pk)

    for row in (rows[8], rows[10], rows[11]):
        page.check(f"#mod-select-{row.pk}")
    click(page.get_by_role("button", name="Spam selected"), "Marked as spam: 3 comments.")

    for row, decision in zip(
        rows[12:], ["approved", "trash", "approved", "spam", *["approved"] * 4], strict=True
    ):
        click(button(row, decision), "the comment by")
        if decision == "approved":
            approved.add(row.pk)
    assert page.locator(".mod-row").count() == 0
    assert "No pending comments." in page.locator(".mod-empty").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    reply = Comment.objects.get(is_staff_reply=True)
    expected = sorted(Comment.objects.get(pk=pk).body for pk in [welcome.pk, reply.pk, *approved])
    assert len(expected) == 16
    assert public_bodies(page, live_server.url, story) == expected
    context.close()


def test_fifty_approvals_at_typing_speed(live_server, browser_page, moderator):
    """Keys pressed faster than the answers come back are kept and run in order; the
    screen has no axe violations in the dark theme either."""
    story = make_article(title="Fifty replies")
    Comment.objects.bulk_create(
        Comment(article=story, name=f"R{n}", email=f"r{n}@example.org", body=f"Text {n}")
        for n in range(50)
    )
    page = browser_page
    page.set_viewport_size(LAPTOP)
    log_in(page, live_server.url, "mod", PASSWORD)
    page.emulate_media(color_scheme="dark")
    page.goto(live_server.url + reverse(SCREEN))
    violations = axe_violations(page, ["wcag2a", "wcag2aa", "wcag21aa", "best-practice"])
    assert violations == [], violations  # in the admin's dark theme

    started = time.perf_counter()
    page.keyboard.press("j")
    for _ in range(50):
        page.keyboard.press("a", delay=20)
    expect(page.locator("[data-count='pending']")).to_have_text("0", timeout=60_000)
    seconds = time.perf_counter() - started
    print(f"\nmoderation: 50 comments approved with the keyboard in {seconds:.1f} s")
    assert Comment.objects.filter(status="approved").count() == 50
    assert ModerationAction.objects.filter(kind="approve").count() == 50
    assert "Nothing else waits on this page." in page.locator("#mod-status").inner_text()
    assert page.console_errors == []
