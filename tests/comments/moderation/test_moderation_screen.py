"""The keyboard moderation screen's HTTP side: who may use it, what each endpoint does
and answers (JSON for the script, a redirect with a message for plain forms), the
audit trail every decision leaves, undo, inline replies, and the screen's queries."""

import json
import re
import statistics
import time

import pytest
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from comments.models import Comment, ModerationAction, fingerprint
from comments.signals import comments_moderated

from ...factories import make_article, make_comment
from ...helpers import CHANGELIST

pytestmark = pytest.mark.django_db

SCREEN = "admin:comments_comment_moderation"
ENDPOINTS = ["approve", "spam", "trash", "undo", "reply"]
JSON = {"HTTP_ACCEPT": "application/json"}


def endpoint(name):
    return reverse(f"{SCREEN}_{name}")


def post_json(client, name, data):
    response = client.post(endpoint(name), data, **JSON)
    return response, json.loads(response.content)


def staff_in(django_user_model, username, group):
    user = django_user_model.objects.create_user(username, f"{username}@example.org", "pw")
    user.is_staff = True
    user.save()
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def pending(story):
    return make_comment(story, name="Pat", email="pat@example.org", status="pending")


# Who may use it ---------------------------------------------------------------------


@pytest.mark.parametrize("role", ["anonymous", "contributor", "editor", "moderator", "superuser"])
def test_each_role_gets_the_answer_its_rights_give(client, django_user_model, pending, role):
    expected_get, expected_post = {
        "anonymous": (302, 302),
        "contributor": (403, 403),
        "editor": (403, 403),
        "moderator": (200, 200),
        "superuser": (200, 200),
    }[role]
    if role == "superuser":
        client.force_login(django_user_model.objects.create_superuser("chief", "c@x.org", "pw"))
    elif role != "anonymous":
        group = {"contributor": "Contributors", "editor": "Editors", "moderator": "Moderators"}
        client.force_login(staff_in(django_user_model, role, group[role]))

    screen = client.get(reverse(SCREEN))
    assert screen.status_code == expected_get
    if role == "anonymous":
        assert screen["Location"].startswith(reverse("admin:login"))
    for name in ENDPOINTS:
        data = {"comment": pending.pk, "action": 999999, "body": "Thank you, Pat."}
        response = client.post(endpoint(name), data, **JSON)
        # 200, or 400 where the data names nothing to act on (undo of no action).
        assert response.status_code in {expected_post, 400 if expected_post == 200 else 0}, name
        if role == "anonymous":
            assert response["Location"].startswith(reverse("admin:login"))
    pending.refresh_from_db()
    assert pending.status == ("approved" if expected_post == 200 else "pending")
    if expected_post != 200:
        assert not ModerationAction.objects.exists()
        assert Comment.objects.count() == 1  # no reply stored


@pytest.mark.parametrize("name", ENDPOINTS)
def test_endpoints_accept_only_post(moderator_client, pending, name):
    response = moderator_client.get(endpoint(name), {"comment": pending.pk})
    assert response.status_code == 405
    pending.refresh_from_db()
    assert pending.status == "pending"


def test_screen_accepts_only_safe_methods(moderator_client):
    assert moderator_client.post(reverse(SCREEN)).status_code == 405


def test_csrf_token_is_required_and_the_screen_gives_it(moderator, pending):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(moderator)
    page = browser.get(reverse(SCREEN)).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)

    refused = browser.post(endpoint("approve"), {"comment": pending.pk}, **JSON)
    assert refused.status_code == 403
    pending.refresh_from_db()
    assert pending.status == "pending"

    accepted = browser.post(
        endpoint("approve"), {"comment": pending.pk, "csrfmiddlewaretoken": token}, **JSON
    )
    assert accepted.status_code == 200
    pending.refresh_from_db()
    assert pending.status == "approved"


# What the screen shows ----------------------------------------------------------------


def test_row_shows_what_a_moderator_decides_on(moderator_client, story):
    make_comment(story, email="pat@example.org", status="approved")
    make_comment(story, email="pat@example.org", status="approved")
    make_comment(story, email="pat@example.org", status="spam")
    parent = make_comment(story, name="Robin", body="Our dog swims every morning in the bay.")
    comment = make_comment(
        story,
        parent=parent,
        name="Pat Quinn",
        email="pat@example.org",
        website="https://pat.example.org/",
        body="Mine too!\nEvery single day.",
        ip_address="192.0.2.44",
        reasons=["contains 2 links (the limit is 1)"],
        status="pending",
    )

    response = moderator_client.get(reverse(SCREEN))

    assert response.status_code == 200
    html = response.content.decode()
    row = re.search(rf'<li class="mod-row" id="mod-{comment.pk}".*?</li>\s*\n', html, re.S).group()
    for text in [
        "Pat Quinn",
        "pat@example.org",
        "https://pat.example.org/",
        "IP 192.0.2.44",
        "2 approved before",
        "Mine too!<br>Every single day.",
        story.get_absolute_url(),
        story.title,
        "In reply to Robin: “Our dog swims every morning in the bay.”",
        "Held: contains 2 links (the limit is 1)",
    ]:
        assert text in row, text
    assert 'data-count="pending">1<' in html
    assert 'data-count="approved">3<' in html
    assert 'data-count="spam">1<' in html


def test_tabs_and_story_filter(moderator_client, story):
    other = make_article(title="Cats are fine too")
    mine = make_comment(story, body="On the surfing dog.", status="spam")
    theirs = make_comment(other, body="On the cats.", status="spam")

    spam = moderator_client.get(reverse(SCREEN), {"status": "spam"}).content.decode()
    assert "On the surfing dog." in spam
    assert "On the cats." in spam
    assert f'<option value="{other.pk}">Cats are fine too (1)</option>' in spam

    filtered = moderator_client.get(reverse(SCREEN), {"status": "spam", "story": other.pk})
    html = filtered.content.decode()
    assert "On the cats." in html
    assert "On the surfing dog." not in html
    assert [c.pk for c in filtered.context["comments"]] == [theirs.pk]
    assert 'data-count="spam">1<' in html
    assert mine.pk not in [c.pk for c in filtered.context["comments"]]


@pytest.mark.parametrize(
    "query",
    [
        {"status": "deleted"},
        {"page": "x"},
        {"page": "0"},
        {"page": "9" * 40},
        {"story": "abc"},
        {"story": "-1"},
        {"story": "999999"},
    ],
)
def test_bad_query_is_a_404_not_a_500(moderator_client, query):
    assert moderator_client.get(reverse(SCREEN), query).status_code == 404


def test_a_page_past_the_end_goes_to_the_last_page(moderator_client, story):
    """After the last rows of the last page are decided, a plain form's redirect back
    to that page lands on the page that is now last."""
    response = moderator_client.get(reverse(SCREEN), {"status": "spam", "page": 3})
    assert response.status_code == 302
    assert response["Location"] == "?status=spam&story=&page=1"
    assert moderator_client.get(reverse(SCREEN) + response["Location"]).status_code == 200


def test_filter_by_a_story_without_such_comments_names_it(moderator_client, story):
    html = moderator_client.get(reverse(SCREEN), {"story": story.pk}).content.decode()
    assert f'<option value="{story.pk}" selected>{story.title}</option>' in html
    assert "No pending comments on this story." in html


def test_screen_is_paginated_by_fifty(moderator_client, story):
    Comment.objects.bulk_create(
        Comment(article=story, name=f"R{n}", email=f"r{n}@example.org", body=f"Comment {n}")
        for n in range(55)
    )
    first = moderator_client.get(reverse(SCREEN))
    second = moderator_client.get(reverse(SCREEN), {"page": 2})
    assert len(first.context["comments"]) == 50
    assert len(second.context["comments"]) == 5
    assert "Page 1 of 2" in first.content.decode()


def test_screen_queries_do_not_grow_with_its_rows(
    moderator_client, story, django_assert_num_queries
):
    """The approved-before count and the replied-to excerpt are annotations: no query
    per row (an N+1 would add two per comment)."""

    def fill(count):
        parent = make_comment(story, email="p@example.org")
        for n in range(count):
            make_comment(
                story, parent=parent, email="p@example.org", body=f"n{n}", status="pending"
            )

    fill(3)
    # session, user, the user's and the group's permissions, the header's pending count;
    # then the status counts (two: the held-back ones by status, and the total, which
    # also number the pages), the story filter, the page's ids, its rows and the
    # recent decisions.
    with django_assert_num_queries(11):
        few = moderator_client.get(reverse(SCREEN))
    fill(30)
    with django_assert_num_queries(11):
        many = moderator_client.get(reverse(SCREEN))
    assert len(few.context["comments"]) == 3
    assert len(many.context["comments"]) == 33
    assert "1 approved before" in many.content.decode()


def test_changelist_links_to_the_screen(moderator_client):
    html = moderator_client.get(reverse(CHANGELIST)).content.decode()
    assert f'href="{reverse(SCREEN)}"' in html


# Deciding -----------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "status"), [("approve", "approved"), ("spam", "spam")])
def test_json_decision_changes_the_comment_and_records_it(
    moderator_client, moderator, pending, name, status
):
    response, answer = post_json(moderator_client, name, {"comment": pending.pk})

    assert response.status_code == 200
    pending.refresh_from_db()
    assert (pending.status, pending.moderated_by) == (status, moderator)
    action = ModerationAction.objects.get()
    assert (action.comment, action.user, action.from_status, action.to_status) == (
        pending,
        moderator,
        "pending",
        status,
    )
    assert answer["statuses"] == {str(pending.pk): status}
    assert answer["actions"] == [action.pk]
    assert answer["counts"]["pending"] == 0
    assert answer["counts"][status] == 1
    assert answer["message"].endswith("the comment by Pat.")


def test_form_decision_redirects_back_with_a_message(moderator_client, pending):
    back = reverse(SCREEN) + "?status=pending&page=1"
    response = moderator_client.post(endpoint("trash"), {"comment": pending.pk, "next": back})

    assert response.status_code == 302
    assert response["Location"] == back
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Moved to trash: the comment by Pat."
    ]
    pending.refresh_from_db()
    assert pending.status == "trash"


def test_form_decision_never_redirects_elsewhere(moderator_client, pending):
    response = moderator_client.post(
        endpoint("approve"), {"comment": pending.pk, "next": "https://elsewhere.example/"}
    )
    assert response["Location"] == reverse(SCREEN)


def test_selection_is_decided_together(moderator_client, story):
    chosen = [make_comment(story, status="pending") for _ in range(3)]
    left = make_comment(story, status="pending")

    response, answer = post_json(moderator_client, "spam", {"comment": [c.pk for c in chosen]})

    assert response.status_code == 200
    assert answer["message"] == "Marked as spam: 3 comments."
    assert set(Comment.objects.filter(status="spam").values_list("pk", flat=True)) == {
        c.pk for c in chosen
    }
    left.refresh_from_db()
    assert left.status == "pending"
    assert ModerationAction.objects.filter(kind="spam").count() == 3


@pytest.mark.parametrize(
    "data",
    [{}, {"comment": "abc"}, {"comment": "1" * 40}, {"comment": "999999"}, {"comment": "-3"}],
    ids=["nothing", "letters", "huge", "missing", "negative"],
)
def test_bad_choices_get_a_message_not_a_500(moderator_client, data):
    response, answer = post_json(moderator_client, "approve", data)
    assert response.status_code == 400
    assert answer["message"]

    plain = moderator_client.post(endpoint("approve"), data)
    assert plain.status_code == 302
    assert [m.level_tag for m in get_messages(plain.wsgi_request)] == ["error"]


def test_deciding_what_is_already_decided_changes_nothing(moderator_client, story):
    comment = make_comment(story, status="approved")
    response, answer = post_json(moderator_client, "approve", {"comment": comment.pk})
    assert response.status_code == 200
    assert answer["message"] == "Already approved: nothing changed."
    assert not ModerationAction.objects.exists()


# Audit and undo -----------------------------------------------------------------------


def test_undo_restores_the_exact_previous_status(moderator_client, moderator, story):
    comment = make_comment(story, status="spam")
    _, approved = post_json(moderator_client, "approve", {"comment": comment.pk})

    response, answer = post_json(moderator_client, "undo", {"action": approved["actions"]})

    assert response.status_code == 200
    comment.refresh_from_db()
    assert comment.status == "spam"
    assert answer["statuses"] == {str(comment.pk): "spam"}
    undo = ModerationAction.objects.filter(kind="undo").get()
    assert (undo.user, undo.from_status, undo.to_status) == (moderator, "approved", "spam")
    assert undo.note == f"undid action {approved['actions'][0]}"

    again, refused = post_json(moderator_client, "undo", {"action": approved["actions"]})
    assert again.status_code == 400
    assert "moderated again since" in refused["message"]
    comment.refresh_from_db()
    assert comment.status == "spam"


def test_undo_of_a_selection_restores_each(moderator_client, story):
    first = make_comment(story, status="pending")
    second = make_comment(story, status="spam")
    _, trashed = post_json(moderator_client, "trash", {"comment": [first.pk, second.pk]})

    response = moderator_client.post(
        endpoint("undo"), {"action": trashed["actions"], "next": reverse(SCREEN)}
    )

    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Undone: 2 comments are back where they were."
    ]
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == ("pending", "spam")


def test_changelist_bulk_actions_and_change_form_are_audited(moderator_client, moderator, story):
    comments = [make_comment(story, status="pending") for _ in range(2)]
    moderator_client.post(
        reverse(CHANGELIST),
        {"action": "trash_comments", "_selected_action": [c.pk for c in comments]},
    )
    assert sorted(
        ModerationAction.objects.values_list("comment_id", "kind", "from_status", "to_status")
    ) == sorted((c.pk, "trash", "pending", "trash") for c in comments)
    assert set(ModerationAction.objects.values_list("user", flat=True)) == {moderator.pk}

    change = reverse("admin:comments_comment_change", args=[comments[0].pk])
    moderator_client.post(
        change,
        {"name": "N", "email": "n@example.org", "website": "", "body": "B", "status": "approved"},
    )
    latest = ModerationAction.objects.first()
    assert (latest.comment_id, latest.from_status, latest.to_status) == (
        comments[0].pk,
        "trash",
        "approved",
    )
    page = moderator_client.get(change).content.decode()
    assert "Moved to trash by mod, Trash → " not in page
    assert "Approved by mod, Trash → Approved" in page
    assert "Moved to trash by mod, Pending → Trash" in page


def test_screen_lists_recent_decisions(moderator_client, pending):
    post_json(moderator_client, "spam", {"comment": pending.pk})
    html = moderator_client.get(reverse(SCREEN)).content.decode()
    trail = re.search(r'<section class="mod-trail".*?</section>', html, re.S).group()
    assert "mod: marked as spam" in trail
    assert "the comment by Pat</a>,\n        pending → spam" in trail
    assert f'name="action" value="{ModerationAction.objects.get().pk}"' in trail


def test_moderated_signal_is_sent_once_committed(
    moderator_client, moderator, story, django_capture_on_commit_callbacks
):
    comments = [make_comment(story, status="pending") for _ in range(2)]
    heard = []

    def listener(sender, **kwargs):
        heard.append(kwargs)

    comments_moderated.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            post_json(moderator_client, "approve", {"comment": [c.pk for c in comments]})
    finally:
        comments_moderated.disconnect(listener)
    assert callbacks
    assert len(heard) == 1
    assert sorted(heard[0]["comment_ids"]) == sorted(c.pk for c in comments)
    assert heard[0]["status"] == "approved"
    assert heard[0]["user"] == moderator


# Fingerprints -------------------------------------------------------------------------


def test_trash_clears_the_fingerprint_and_restoring_takes_it_back(moderator_client, story):
    value = fingerprint(story.pk, "pat@example.org", "Same words")
    comment = make_comment(
        story, email="pat@example.org", body="Same words", status="pending", fingerprint=value
    )

    post_json(moderator_client, "trash", {"comment": comment.pk})
    comment.refresh_from_db()
    assert comment.fingerprint is None

    post_json(moderator_client, "approve", {"comment": comment.pk})
    comment.refresh_from_db()
    assert comment.fingerprint == value


def test_restoring_leaves_the_fingerprint_to_the_comment_that_took_it(moderator_client, story):
    value = fingerprint(story.pk, "pat@example.org", "Same words")
    old = make_comment(story, email="pat@example.org", body="Same words", fingerprint=value)
    post_json(moderator_client, "trash", {"comment": old.pk})
    again = make_comment(story, email="PAT@example.org", body="same  words", fingerprint=value)

    response, _ = post_json(moderator_client, "approve", {"comment": old.pk})

    assert response.status_code == 200
    old.refresh_from_db()
    again.refresh_from_db()
    assert (old.status, old.fingerprint, again.fingerprint) == ("approved", None, value)


# Replies ------------------------------------------------------------------------------


def test_reply_is_a_staff_reply_and_approves_the_comment(client, moderator, pending, story):
    moderator.first_name, moderator.last_name = "Mo", "Derator"
    moderator.save()
    client.force_login(moderator)

    response, answer = post_json(
        client, "reply", {"comment": pending.pk, "body": "Thanks, Pat!\n\nSee you."}
    )

    assert response.status_code == 200
    pending.refresh_from_db()
    assert pending.status == "approved"
    reply = Comment.objects.get(parent=pending)
    assert (reply.status, reply.is_staff_reply, reply.user, reply.name) == (
        "approved",
        True,
        moderator,
        "Mo Derator",
    )
    assert answer["statuses"] == {str(pending.pk): "approved"}
    action = ModerationAction.objects.get(kind="reply")
    assert answer["actions"] == [action.pk]
    assert (action.comment, action.from_status) == (reply, "pending")

    client.logout()
    page = client.get(story.get_absolute_url()).content.decode()
    assert "Thanks, Pat!" in page
    assert pending.body in page

    client.force_login(moderator)
    undone, _ = post_json(client, "undo", {"action": action.pk})
    assert undone.status_code == 200
    pending.refresh_from_db()
    reply.refresh_from_db()
    assert (pending.status, reply.status) == ("pending", "trash")


@pytest.mark.parametrize(
    ("body", "message"), [("  ", "Write a reply first."), ("x" * 6000, "up to")]
)
def test_reply_refused_keeps_the_text(moderator_client, pending, body, message, settings):
    settings.COMMENT_MAX_LENGTH = 5000
    response, answer = post_json(moderator_client, "reply", {"comment": pending.pk, "body": body})
    assert response.status_code == 400
    assert message in answer["message"]

    plain = moderator_client.post(endpoint("reply"), {"comment": pending.pk, "body": body})
    assert plain.status_code == 400
    assert message in plain.content.decode()
    if body.strip():
        assert body in plain.content.decode()
    assert Comment.objects.count() == 1
    pending.refresh_from_db()
    assert pending.status == "pending"


# Speed --------------------------------------------------------------------------------


def test_server_time_per_keyboard_decision(moderator_client, story, capsys):
    """Median server time of 50 approvals sent as the screen's script sends them."""
    comments = [make_comment(story, status="pending") for _ in range(50)]
    timings = []
    for comment in comments:
        started = time.perf_counter()
        response = moderator_client.post(endpoint("approve"), {"comment": comment.pk}, **JSON)
        timings.append(time.perf_counter() - started)
        assert response.status_code == 200
    assert Comment.objects.filter(status="approved").count() == 50
    median = statistics.median(timings)
    with capsys.disabled():
        print(f"\nmoderation: median {median * 1000:.1f} ms per approval over 50")
    assert median < 0.5
