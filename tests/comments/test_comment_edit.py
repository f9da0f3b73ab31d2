"""Editing or withdrawing one's own comment: for 15 minutes after posting, from the
browser that posted it (the signed key of the redirect, and the remember-me key
when there is one); refused after that or from another browser."""

from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from comments import decisions
from comments.models import Comment, ModerationAction, fingerprint
from comments.tokens import pending_token

from ..factories import make_comment
from ..helpers import post_comment

pytestmark = pytest.mark.django_db
SAME_SITE = {"Sec-Fetch-Site": "same-origin"}


def posted(client, story, **fields):
    """Post a comment; return it and the edit page's address shown to its author."""
    response = post_comment(client, story, **fields)
    assert response.status_code == 303
    comment = Comment.objects.latest("pk")
    key = parse_qs(urlsplit(response["Location"]).query)["pending"][0]
    page = client.get(response["Location"])
    edit = f"{reverse('comments:edit', args=[comment.pk])}?pending="
    assert edit in page.text  # the link is shown with the pending comment
    return comment, reverse("comments:edit", args=[comment.pk]) + f"?pending={key}"


def test_edit_within_the_window(client, story):
    comment, edit = posted(client, story)
    page = client.get(edit)
    assert page.status_code == 200
    assert "What a lovely story." in page.text
    response = client.post(edit, {"action": "save", "body": "What a lovely, lovely story."},
                           headers=SAME_SITE)  # fmt: skip
    assert response.status_code == 303
    assert "pending=" in response["Location"]
    comment.refresh_from_db()
    assert comment.body == "What a lovely, lovely story."
    assert comment.fingerprint == fingerprint(story.pk, comment.email, comment.body)
    assert "lovely, lovely" in client.get(response["Location"]).text


def test_refused_after_fifteen_minutes(client, story):
    comment, _ = posted(client, story)
    old = pending_token(comment, now=timezone.now() - timedelta(minutes=16))
    edit = reverse("comments:edit", args=[comment.pk]) + f"?pending={old}"
    for response in [
        client.get(edit),
        client.post(edit, {"action": "withdraw"}, headers=SAME_SITE),
    ]:
        assert response.status_code == 403
        assert "15 minutes" in response.text
    assert Comment.objects.filter(pk=comment.pk).exists()
    fresh = pending_token(comment, now=timezone.now() - timedelta(minutes=14))
    fresh_edit = reverse("comments:edit", args=[comment.pk]) + f"?pending={fresh}"
    assert client.get(fresh_edit).status_code == 200


def test_refused_from_another_browser(client, story):
    comment, edit = posted(client, story, remember="on")
    other = Client()
    response = other.get(edit)
    assert response.status_code == 403
    assert "browser that posted it" in response.text
    assert other.post(edit, {"action": "withdraw"}, headers=SAME_SITE).status_code == 403
    assert client.get(edit).status_code == 200  # the browser that posted it, with its key


def test_refused_with_a_forged_or_borrowed_key(client, story):
    comment, edit = posted(client, story)
    mine = make_comment(story, email="someone@example.com")
    borrowed = edit.replace(f"/comments/{comment.pk}/", f"/comments/{mine.pk}/")
    assert client.get(borrowed).status_code == 403
    assert client.get(edit[:-4] + "abcd").status_code == 403
    assert client.get(reverse("comments:edit", args=[comment.pk])).status_code == 403


def test_edit_after_approval_goes_back_to_pending(client, story, rules):
    comment, edit = posted(client, story)
    Comment.objects.filter(pk=comment.pk).update(status=Comment.Status.APPROVED)
    story.refresh_from_db()
    before = client.get(story.get_absolute_url()).text
    response = client.post(edit, {"action": "save", "body": "Changed my mind."},
                           headers=SAME_SITE)  # fmt: skip
    assert response.status_code == 303
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING
    assert "edited by its author after approval" in comment.reasons
    after = client.get(story.get_absolute_url()).text
    assert "What a lovely story." in before
    # The cached page moved on: neither the old text nor the new (pending) one.
    assert "What a lovely story." not in after
    assert "Changed my mind." not in after


def test_edit_after_approval_stays_public_without_manual_approval(client, story, rules):
    rules.manual_approval = False
    rules.save()
    comment, edit = posted(
        client, story, body="Held for its link https://a.example https://b.example"
    )
    Comment.objects.filter(pk=comment.pk).update(status=Comment.Status.APPROVED)
    client.post(edit, {"action": "save", "body": "Better now."}, headers=SAME_SITE)
    comment.refresh_from_db()
    assert (comment.status, comment.body) == (Comment.Status.APPROVED, "Better now.")


def test_withdraw_deletes_and_the_page_updates(client, story):
    comment, edit = posted(client, story)
    Comment.objects.filter(pk=comment.pk).update(status=Comment.Status.APPROVED)
    assert "What a lovely story." in client.get(story.get_absolute_url()).text
    response = client.post(edit, {"action": "withdraw"}, headers=SAME_SITE)
    assert response.status_code == 200
    assert "withdrawn" in response.text
    assert not Comment.objects.filter(pk=comment.pk).exists()
    assert "What a lovely story." not in client.get(story.get_absolute_url()).text
    story.refresh_from_db()
    assert story.comment_count == 0


def test_bad_input_keeps_the_text(client, story):
    comment, edit = posted(client, story)
    response = client.post(edit, {"action": "save", "body": "   "}, headers=SAME_SITE)
    assert response.status_code == 400
    assert "Please write your comment." in response.text
    cross = client.post(edit, {"action": "save", "body": "x"},
                        headers={"Sec-Fetch-Site": "cross-site"})  # fmt: skip
    assert cross.status_code == 403
    comment.refresh_from_db()
    assert comment.body == "What a lovely story."


def approved_by_a_moderator(comment):
    moderator = get_user_model().objects.create_user("mo", "mo@example.com", "pw", is_staff=True)
    decisions.approve(Comment.objects.filter(pk=comment.pk), moderator)
    return moderator


def count_updates(queries):
    """How many times the story's stored count was brought up to date: once per
    announced change."""
    return sum('UPDATE "articles_article" SET "comment_count"' in q["sql"] for q in queries)


def test_the_trail_records_an_authors_edit_and_it_is_announced_once(client, story, rules):
    comment, edit = posted(client, story)
    approved_by_a_moderator(comment)
    with CaptureQueriesContext(connection) as queries:
        client.post(edit, {"action": "save", "body": "Changed my mind."}, headers=SAME_SITE)
    assert count_updates(queries.captured_queries) == 1
    last = comment.actions.first()  # newest first
    assert (last.kind, last.user, last.from_status, last.to_status) == (
        ModerationAction.Kind.AUTHOR_EDIT,
        None,
        Comment.Status.APPROVED,
        Comment.Status.PENDING,
    )
    assert last.actor == "the author"
    # A moderator cannot undo what the author did.
    with pytest.raises(decisions.CannotUndo):
        decisions.undo(last, get_user_model().objects.get(username="mo"))


def test_the_trail_records_a_withdrawal_even_once_the_comment_is_gone(client, story):
    comment, edit = posted(client, story)
    approved_by_a_moderator(comment)
    with CaptureQueriesContext(connection) as queries:
        client.post(edit, {"action": "withdraw"}, headers=SAME_SITE)
    assert count_updates(queries.captured_queries) == 1
    assert not Comment.objects.filter(pk=comment.pk).exists()
    line = ModerationAction.objects.get()  # the approval went with the comment
    assert (line.kind, line.comment, line.from_status) == (
        ModerationAction.Kind.WITHDRAWN,
        None,
        Comment.Status.APPROVED,
    )
    assert f"comment {comment.pk}" in line.note


def test_a_withdrawn_comment_with_replies_goes_to_the_trash_on_the_record(client, story):
    comment, edit = posted(client, story)
    approved_by_a_moderator(comment)
    make_comment(story, parent=comment, name="Replier", email="r@example.com")
    client.post(edit, {"action": "withdraw"}, headers=SAME_SITE)
    comment.refresh_from_db()
    assert comment.status == Comment.Status.TRASH
    assert [a.kind for a in comment.actions.all()] == [
        ModerationAction.Kind.WITHDRAWN,
        ModerationAction.Kind.APPROVE,
    ]


def test_the_moderation_screen_lists_an_authors_changes(client, story, admin_client):
    comment, edit = posted(client, story)
    client.post(edit, {"action": "save", "body": "Changed my mind."}, headers=SAME_SITE)
    client.post(edit, {"action": "withdraw"}, headers=SAME_SITE)
    page = admin_client.get(reverse("admin:comments_comment_moderation"))
    assert page.status_code == 200
    text = " ".join(page.text.split())
    assert "the author: withdrawn by its author" in text
    assert f"comment {comment.pk} on story {story.pk}, deleted" in text


def test_posting_and_approving_are_each_announced_once(client, story, rules):
    rules.manual_approval = False
    rules.save()
    with CaptureQueriesContext(connection) as queries:
        assert post_comment(client, story).status_code == 303
    assert count_updates(queries.captured_queries) == 1
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.APPROVED
    Comment.objects.filter(pk=comment.pk).update(status=Comment.Status.PENDING)
    with CaptureQueriesContext(connection) as queries:
        approved_by_a_moderator(comment)
    assert count_updates(queries.captured_queries) == 1
