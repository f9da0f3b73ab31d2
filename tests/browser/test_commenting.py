"""A reader comments, a moderator approves, another reader sees it: in Chromium."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from comments.models import Comment

from ..factories import make_article
from ..helpers import axe_violations, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HOSTILE = 'Lovely! <script>window.pwned = 1</script><img src=x onerror="window.pwned = 2">'


@pytest.fixture
def story(settings):
    # The live server runs in this process, so it sees the setting: no waiting for
    # the form's minimum time.
    settings.COMMENT_MIN_SECONDS = 0
    return make_article(title="Dogs on the beach", slug="dogs-on-the-beach")


@pytest.fixture
def moderator(roles):
    user = get_user_model().objects.create_user(
        "mod", "mod@example.com", "a-long-moderator-password", is_staff=True
    )
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


def test_comment_moderated_and_shown_to_another_reader(live_server, browser_page, story, moderator):
    page = browser_page
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(live_server.url + story.get_absolute_url())

    # A mistake first: the email is missing. Nothing typed is lost.
    page.fill("#id_body", HOSTILE)
    page.fill("#id_name", "Robin Reader")
    page.evaluate("document.querySelector('.comment-form').noValidate = true")
    page.click("text=Post Comment")
    expect(page.locator("#id_email")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_email-error")).to_be_visible()
    assert page.input_value("#id_body") == HOSTILE
    assert page.input_value("#id_name") == "Robin Reader"
    # The re-shown form is answered with 400, which Chromium notes in the console.
    assert page.console_errors == [
        "Failed to load resource: the server responded with a status of 400 (Bad Request)"
    ]
    page.console_errors.clear()
    assert axe_violations(page, ["wcag2a", "wcag2aa", "best-practice"]) == []

    page.fill("#id_email", "robin@example.com")
    page.click("text=Post Comment")
    notice = page.locator(".comment--pending .comment__notice")
    expect(notice).to_contain_text("awaiting moderation")
    assert "Lovely!" in page.locator(".comment--pending .comment__body").inner_text()
    assert page.evaluate("window.pwned") is None
    comment = Comment.objects.get()
    assert comment.status == "pending"

    # Another reader sees nothing yet.
    other = page.context.browser.new_context()
    reader = other.new_page()
    reader.goto(live_server.url + story.get_absolute_url())
    assert reader.locator(".comment").count() == 0

    # The moderator approves it with one click in the queue.
    admin = page.context.browser.new_context().new_page()
    log_in(admin, live_server.url, "mod", "a-long-moderator-password")
    admin.goto(live_server.url + "/admin/")
    assert "awaiting moderation: 1" in admin.content()
    admin.goto(live_server.url + "/admin/comments/comment/")
    admin.click(f"button[name=approve][value='{comment.pk}']")
    expect(admin.locator(".messagelist")).to_contain_text("Approved")
    comment.refresh_from_db()
    assert comment.status == "approved"
    assert comment.moderated_by == moderator

    reader.goto(live_server.url + story.get_absolute_url())
    shown = reader.locator(f"#comment-{comment.pk}")
    expect(shown).to_be_visible()
    assert "<script>window.pwned = 1</script>" in shown.locator(".comment__body").inner_text()
    assert reader.evaluate("window.pwned") is None
    assert "robin@example.com" not in reader.content()
    assert dialogs == []
    assert page.console_errors == []
    assert page.foreign_requests == []
    other.close()
