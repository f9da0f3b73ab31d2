"""The admin works under its Content-Security-Policy (issue 12, item 13): the story
list, the change form with its rich-text editor, the preview and the moderation
queue load with no policy violation and no console error."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from ..factories import make_article, make_comment, make_image
from ..helpers import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-editor-password"
RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


@pytest.fixture
def editor(roles):
    user = get_user_model().objects.create_user("eddie", "e@example.com", PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"), Group.objects.get(name="Moderators"))
    return user


def test_admin_pages_load_under_the_policy(live_server, browser_page, editor):
    page = browser_page
    page.set_viewport_size({"width": 1280, "height": 900})
    page.context.add_init_script(RECORD_VIOLATIONS)  # new tabs too
    hero = make_image()
    story = make_article(
        hero_image=hero,
        body=(
            "<h2>Part one</h2><p>Words with <strong>bold</strong> and a "
            '<a href="https://example.org/">link</a>.</p>'
            "<p>https://www.youtube.com/watch?v=dQw4w9WgXcQ</p>"
        ),
    )
    make_comment(story)
    log_in(page, live_server.url, "eddie", PASSWORD)
    pages = [
        reverse("admin:index"),
        reverse("admin:articles_article_changelist"),
        reverse("admin:articles_article_change", args=[story.pk]),
        reverse("admin:articles_article_preview", args=[story.pk]),
        reverse("admin:comments_comment_changelist"),
        reverse("admin:articles_image_changelist"),
        reverse("admin:articles_image_change", args=[hero.pk]),
    ]
    for url in pages:
        response = page.goto(live_server.url + url)
        assert response.status == 200, url
        assert "script-src 'self'" in response.headers["content-security-policy"]
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.cspViolations") == [], url
        assert page.console_errors == [], url
        if "/article/" in url and "/change/" in url:
            # The editor's script ran: the body is editable.
            assert page.locator(".ProseMirror[contenteditable=true]").count() == 1

    # The preview of unsaved edits, from the change form's Preview button (a new tab).
    page.goto(live_server.url + reverse("admin:articles_article_change", args=[story.pk]))
    page.locator(".ProseMirror[contenteditable=true]").click()
    page.keyboard.type(" More words.")
    with page.context.expect_page() as opened:
        page.click("button[formaction$='/preview/']")
    preview = opened.value
    preview.wait_for_load_state("networkidle")
    assert "More words." in preview.content()
    assert preview.evaluate("window.cspViolations") == []
    assert page.evaluate("window.cspViolations") == []
    assert page.console_errors == []
