"""No one is signed up by a stranger: a subscription made from a public form (the
newsletter, "follow this discussion") waits for its own confirmation by the address,
even when the address confirmed something before; and while the sign-up budget cannot
be counted (the cache down or full), no confirmation goes out at all, while comments and
sign-ins keep working. Through the site's forms, a real SMTP server on loopback and the
outbox worker."""

import pytest
from django.db import connection
from django.urls import reverse

from comments.decisions import approve
from comments.mail.models import Subscriber, Subscription
from comments.models import Comment
from doggydiary import throttle
from doggydiary.outbox.delivery import deliver_due
from doggydiary.outbox.models import OutboxMessage

from ..factories import make_comment
from ..helpers import link_in, post_comment, text_of

pytestmark = pytest.mark.django_db
SAME_SITE = {"Sec-Fetch-Site": "same-origin"}
OWNER = "owner@example.com"


def approve_a_comment(story, capture):
    comment = make_comment(story, status=Comment.Status.PENDING)
    with capture(execute=True):
        approve(Comment.objects.filter(pk=comment.pk), None)
    deliver_due()


def test_a_stranger_following_a_story_for_a_confirmed_address_sends_only_a_confirmation(
    client, story, smtp_server, confirmed, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    confirmed(OWNER, Subscription.Kind.DIGEST)
    response = client.post(
        reverse("comments:follow", args=[story.slug]), {"email": OWNER}, headers=SAME_SITE
    )
    assert response.status_code == 200
    follow = Subscription.objects.get(kind=Subscription.Kind.STORY)
    assert follow.confirmed_at is None

    # The owner hears of it once, by a confirmation naming the story, and of nothing else.
    approve_a_comment(story, capture)
    [asked] = [m for m in smtp_server.to(OWNER) if "subscription" in str(m["Subject"])]
    assert "confirm" in str(asked["Subject"]).lower()
    assert "A story" in text_of(asked)

    # Opening the link shows a button; pressing it starts the subscription.
    path = link_in(asked, "/mail/confirm/")
    page = client.get(path)
    assert page.status_code == 200
    assert "Confirm this subscription" in page.text
    assert "Your subscription is confirmed" in client.post(path).text
    approve_a_comment(story, capture)
    assert "New comment" in str(smtp_server.to(OWNER)[-1]["Subject"])
    assert sum("New comment" in str(m["Subject"]) for m in smtp_server.to(OWNER)) == 1


def test_a_stranger_cannot_start_the_digest_for_an_address_that_follows_a_story(
    client, story, smtp_server, confirmed
):
    confirmed(OWNER, Subscription.Kind.STORY, article=story)
    response = client.post(reverse("comments:newsletter"), {"email": OWNER}, headers=SAME_SITE)
    assert response.status_code == 200
    digest = Subscription.objects.get(kind=Subscription.Kind.DIGEST)
    assert digest.confirmed_at is None
    queued = OutboxMessage.objects.filter(recipient=OWNER).latest("pk")
    assert queued.topic == "confirm"
    assert "subscription" in queued.subject


def test_the_address_link_opened_again_confirms_nothing_added_since(client, story, smtp_server):
    """The first confirmation of an address covers what it listed, not a subscription
    a stranger adds afterwards."""
    client.post(reverse("comments:newsletter"), {"email": OWNER}, headers=SAME_SITE)
    deliver_due()
    first_link = link_in(smtp_server.to(OWNER)[0], "/mail/confirm/")
    assert client.post(first_link).status_code == 200
    assert Subscriber.objects.get(email=OWNER).confirmed_at is not None

    client.post(reverse("comments:follow", args=[story.slug]), {"email": OWNER}, headers=SAME_SITE)
    client.post(first_link)
    follow = Subscription.objects.get(kind=Subscription.Kind.STORY)
    assert follow.confirmed_at is None


def test_the_owners_own_signed_link_changes_their_digest_at_once(client, confirmed):
    from comments.mail import links

    digest = confirmed(OWNER, Subscription.Kind.DIGEST)
    token = links.make_token(digest.subscriber, links.MANAGE)
    response = client.post(reverse("comments:mail_manage", args=[token]), {"sections": []})
    assert response.status_code == 200
    assert Subscription.objects.get(pk=digest.pk).confirmed_at is not None


@pytest.fixture
def uncountable_budget(transactional_db):
    """The table budgets are counted in (doggydiary/throttle.py) taken away, as a
    database that lost it or cannot give it would: every count fails."""
    with connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE {throttle.TABLE} RENAME TO {throttle.TABLE}_away")
    yield
    with connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE {throttle.TABLE}_away RENAME TO {throttle.TABLE}")


@pytest.mark.usefixtures("uncountable_budget")
def test_while_the_budget_cannot_count_signups_are_refused_but_comments_work(client, story, rules):
    refused = client.post(
        reverse("comments:newsletter"), {"email": "typed@example.com"}, headers=SAME_SITE
    )
    assert refused.status_code == 503
    assert "Sign-ups are paused" in refused.text
    assert 'value="typed@example.com"' in refused.text
    followed = client.post(
        reverse("comments:follow", args=[story.slug]), {"email": OWNER}, headers=SAME_SITE
    )
    assert followed.status_code == 503
    assert f'value="{OWNER}"' in followed.text
    assert not OutboxMessage.objects.exists()
    assert not Subscription.objects.exists()

    assert post_comment(client, story, body="Written while nothing counted").status_code == 303
    assert Comment.objects.filter(body="Written while nothing counted").exists()


def test_the_comment_forms_email_me_box_for_a_confirmed_address_waits_for_it_too(
    client, story, rules, smtp_server, confirmed, django_capture_on_commit_callbacks
):
    """A stranger commenting under someone's confirmed address and ticking "email me"
    gets them one confirmation, not the notices about the stranger's comment."""
    capture = django_capture_on_commit_callbacks
    confirmed(OWNER, Subscription.Kind.DIGEST)
    with capture(execute=True):
        assert post_comment(client, story, email=OWNER, notify="on").status_code == 303
    mine = Subscription.objects.get(kind=Subscription.Kind.COMMENT)
    assert mine.confirmed_at is None
    comment = Comment.objects.get()
    with capture(execute=True):
        approve(Comment.objects.filter(pk=comment.pk), None)
    deliver_due()
    subjects = [str(m["Subject"]) for m in smtp_server.to(OWNER)]
    assert any("confirm your subscription" in s for s in subjects), subjects
    assert not any("is live" in s for s in subjects), subjects
