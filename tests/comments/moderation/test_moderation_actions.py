"""Approving, spamming and trashing comments from the admin, one at a time or in bulk."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from comments.models import ModerationAction

from ...factories import make_comment
from ...helpers import CHANGELIST, MODERATE, log_in

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("button", "status"), [("approve", "approved"), ("spam", "spam"), ("trash", "trash")]
)
def test_row_button_moderates_one_comment(moderator_client, moderator, story, button, status):
    comment = make_comment(story, name="Reader", status="pending")
    other = make_comment(story, status="pending")
    back = reverse(CHANGELIST) + "?status__exact=pending&q=dog"

    response = moderator_client.post(reverse(MODERATE), {button: comment.pk, "next": back})

    assert response.status_code == 302
    assert response["Location"] == back
    comment.refresh_from_db()
    assert comment.status == status
    assert comment.moderated_by == moderator
    assert timezone.now() - comment.moderated_at < timedelta(minutes=1)
    other.refresh_from_db()
    assert (other.status, other.moderated_by) == ("pending", None)
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        {"approve": "Approved", "spam": "Marked as spam", "trash": "Moved to trash"}[button]
        + ": the comment by Reader."
    ]


def test_row_button_posts_the_csrf_token_from_the_page(moderator, story):
    comment = make_comment(story, status="pending")
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(moderator)

    page = browser.get(reverse(CHANGELIST)).content.decode()
    moderate_form = re.search(r'<form id="moderate-form".*?</form>', page, re.DOTALL).group()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', moderate_form).group(1)

    refused = browser.post(reverse(MODERATE), {"approve": comment.pk})
    assert refused.status_code == 403
    response = browser.post(
        reverse(MODERATE), {"approve": comment.pk, "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == "approved"


def test_moderate_url_accepts_only_post(moderator_client, story):
    comment = make_comment(story, status="pending")

    response = moderator_client.get(reverse(MODERATE), {"approve": comment.pk})

    assert response.status_code == 405
    comment.refresh_from_db()
    assert comment.status == "pending"


def test_moderate_refuses_a_user_who_may_only_view(client, django_user_model, story):
    viewer = django_user_model.objects.create_user("viewer", password="pw", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_comment"))
    client.force_login(viewer)
    comment = make_comment(story, status="pending")

    assert client.get(reverse(CHANGELIST)).status_code == 200
    assert client.post(reverse(MODERATE), {"approve": comment.pk}).status_code == 403
    response = client.post(
        reverse(CHANGELIST), {"action": "approve_comments", "_selected_action": [comment.pk]}
    )
    assert response.status_code == 200  # the changelist again: no such action for viewers
    comment.refresh_from_db()
    assert comment.status == "pending"


def test_moderate_goes_back_to_the_queue_not_elsewhere(moderator_client, story):
    comment = make_comment(story, status="pending")

    response = moderator_client.post(
        reverse(MODERATE),
        {"spam": comment.pk, "next": "https://elsewhere.example/"},
        HTTP_REFERER="https://elsewhere.example/",
    )

    assert response["Location"] == reverse(CHANGELIST)


@pytest.mark.parametrize(
    "data",
    [{}, {"approve": "not-a-number"}, {"approve": "999999"}, {"approve": "1", "spam": "1"}],
    ids=["no-decision", "bad-id", "missing", "two-decisions"],
)
def test_moderate_rejects_malformed_requests(moderator_client, data):
    assert moderator_client.post(reverse(MODERATE), data).status_code == 400


@pytest.mark.parametrize(
    ("action", "status", "message"),
    [
        ("approve_comments", "approved", "Approved: 2 comments."),
        ("mark_comments_as_spam", "spam", "Marked as spam: 2 comments."),
        ("trash_comments", "trash", "Moved to trash: 2 comments."),
    ],
)
def test_bulk_actions_report_how_many_changed(
    moderator_client, moderator, story, action, status, message
):
    already = make_comment(story, status=status)
    chosen = [make_comment(story, status="pending") for _ in range(2)]
    untouched = make_comment(story, status="pending")

    response = moderator_client.post(
        reverse(CHANGELIST),
        {"action": action, "_selected_action": [c.pk for c in [already, *chosen]]},
        follow=True,
    )

    assert message in [str(m) for m in response.context["messages"]]
    for comment in chosen:
        comment.refresh_from_db()
        assert (comment.status, comment.moderated_by) == (status, moderator)
    already.refresh_from_db()
    assert already.moderated_by is None
    untouched.refresh_from_db()
    assert untouched.status == "pending"


def test_changing_status_in_the_form_is_recorded_as_moderation(moderator_client, moderator, story):
    comment = make_comment(story, status="pending", ip_address="192.0.2.7")
    change = reverse("admin:comments_comment_change", args=[comment.pk])

    response = moderator_client.post(
        change,
        {
            "name": comment.name,
            "email": comment.email,
            "website": "",
            "body": "What a good dog, edited.",
            "status": "approved",
            "ip_address": "203.0.113.1",
        },
    )

    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == "approved"
    assert comment.moderated_by == moderator
    assert comment.body_html == "<p>What a good dog, edited.</p>"
    assert comment.ip_address == "192.0.2.7"  # read-only


def test_editing_a_public_comment_in_the_form_is_on_the_trail_and_the_page(
    moderator_client, moderator, story, client
):
    comment = make_comment(story, body="A typo-ridden coment.")
    assert "A typo-ridden coment." in client.get(story.get_absolute_url()).text
    change = reverse("admin:comments_comment_change", args=[comment.pk])
    form = {"name": comment.name, "email": comment.email, "website": "", "status": "approved"}

    response = moderator_client.post(change, {**form, "body": "A tidy comment."})

    assert response.status_code == 302
    action = ModerationAction.objects.get(comment=comment)
    assert (action.kind, action.user, action.to_status) == ("edit", moderator, "approved")
    assert "A tidy comment." in client.get(story.get_absolute_url()).text


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_moderator_clicks_approve_in_a_browser(live_server, browser_page, django_user_model):
    django_user_model.objects.create_superuser("chief", "chief@example.org", "a-long-password")
    comment = make_comment(name="Pat", status="pending")
    page = browser_page
    log_in(page, live_server.url, "chief", "a-long-password")

    page.goto(live_server.url + reverse(CHANGELIST) + "?status__exact=pending")
    page.click(f"button[name=approve][value='{comment.pk}']")

    expect(page.locator(".messagelist")).to_contain_text("Approved: the comment by Pat.")
    assert page.url.endswith("?status__exact=pending")
    assert page.locator("#pending-comments").text_content() == "Comments awaiting moderation: 0"
    comment.refresh_from_db()
    assert comment.status == "approved"
