"""Each notice goes to exactly the right people: approval to the author, an approved
reply to the parent's author, a new public comment to the story's followers; never
for pending, spam or trash, never to the replier, never another's address."""

import pytest

from comments.decisions import approve, mark_spam, trash
from comments.mail.models import Subscription
from comments.models import Comment
from doggydiary.outbox.delivery import deliver_due
from doggydiary.outbox.models import OutboxMessage

from ..factories import make_comment
from ..helpers import html_of, post_comment, text_of

pytestmark = pytest.mark.django_db
Kind = Subscription.Kind
PENDING = Comment.Status.PENDING


def notices():
    """(recipient, subject) of every notice queued (confirmations left out)."""
    rows = OutboxMessage.objects.exclude(topic="confirm").order_by("pk")
    return [(row.recipient, row.subject.removeprefix("[Doggy Diary] ")) for row in rows]


@pytest.fixture(name="decide")
def decide_fixture(django_capture_on_commit_callbacks):
    def run(action, *comments):
        with django_capture_on_commit_callbacks(execute=True):
            action(Comment.objects.filter(pk__in=[c.pk for c in comments]), None)

    return run


def test_approval_notice_to_the_author_only(story, confirmed, decide, smtp_server):
    ann = make_comment(story, name="Ann", email="ann@example.com", status=PENDING)
    confirmed("ann@example.com", Kind.COMMENT, comment=ann)
    decide(approve, ann)
    assert notices() == [("ann@example.com", "Your comment on “A story” is live")]
    decide(approve, ann)  # approving again (nothing changes) sends nothing more
    deliver_due()
    [mail] = smtp_server.to("ann@example.com")[1:]
    assert f"/comments/{ann.pk}/" in text_of(mail)
    assert "Ann" in html_of(mail)
    assert mail["List-Unsubscribe"]


@pytest.mark.parametrize("action", [mark_spam, trash])
def test_no_notice_for_spam_or_trash(story, confirmed, decide, action):
    ann = make_comment(story, email="ann@example.com", status=PENDING)
    confirmed("ann@example.com", Kind.COMMENT, comment=ann)
    confirmed("fan@example.com", Kind.STORY, article=story)
    decide(action, ann)
    assert notices() == []


def test_unconfirmed_addresses_get_no_notice(story, decide):
    from comments.mail.subscribe import subscribe

    ann = make_comment(story, email="ann@example.com", status=PENDING)
    subscribe("ann@example.com", Kind.COMMENT, comment=ann)
    subscribe("fan@example.com", Kind.STORY, article=story)
    decide(approve, ann)
    assert notices() == []


def test_reply_notice_only_when_the_reply_is_approved(story, confirmed, decide, smtp_server):
    ann = make_comment(story, name="Ann", email="ann@example.com")
    confirmed("ann@example.com", Kind.COMMENT, comment=ann)
    bob = make_comment(story, parent=ann, name="Bob", email="bob@example.com", status=PENDING)
    assert notices() == []  # pending: nothing
    spam = make_comment(story, parent=ann, email="spam@example.com", status=PENDING)
    decide(mark_spam, spam)
    decide(trash, bob)
    assert notices() == []
    decide(approve, bob)  # from the trash back to public
    assert notices() == [("ann@example.com", "Bob replied to your comment")]
    deliver_due()
    [mail] = smtp_server.to("ann@example.com")[1:]
    assert "bob@example.com" not in mail.as_string()  # names only
    assert mail["To"] == "ann@example.com"
    assert mail["Cc"] is None


def test_no_reply_notice_to_the_replier_themselves(story, confirmed, decide):
    ann = make_comment(story, email="ann@example.com")
    confirmed("ann@example.com", Kind.COMMENT, comment=ann)
    again = make_comment(story, parent=ann, email="ANN@example.com", status=PENDING)
    decide(approve, again)
    assert notices() == []


def test_reply_to_a_non_subscriber_tells_nobody(story, confirmed, decide):
    ann = make_comment(story, email="ann@example.com")
    confirmed("ann@example.com", Kind.DIGEST)  # subscribed, but not to this comment
    bob = make_comment(story, parent=ann, email="bob@example.com", status=PENDING)
    decide(approve, bob)
    assert notices() == []


def test_followers_hear_of_each_approved_comment_but_not_their_own(story, confirmed, decide):
    confirmed("fan@example.com", Kind.STORY, article=story)
    confirmed("carl@example.com", Kind.STORY, article=story)
    other = confirmed("other@example.com", Kind.STORY, article=make_comment().article)
    carl = make_comment(story, name="Carl", email="carl@example.com", status=PENDING)
    decide(approve, carl)
    assert notices() == [("fan@example.com", "New comment on “A story”")]
    assert other.subscriber.email not in {to for to, _ in notices()}


def test_one_mail_each_when_a_follower_is_also_the_parent_author(story, confirmed, decide):
    ann = make_comment(story, email="ann@example.com")
    confirmed("ann@example.com", Kind.COMMENT, comment=ann)
    confirmed("ann@example.com", Kind.STORY, article=story)
    bob = make_comment(story, parent=ann, name="Bob", email="bob@example.com", status=PENDING)
    decide(approve, bob)
    assert notices() == [("ann@example.com", "Bob replied to your comment")]


def test_comment_approved_at_posting_notifies_too(
    client, story, rules, confirmed, django_capture_on_commit_callbacks
):
    rules.manual_approval = False
    rules.save()
    ann = make_comment(story, email="ann@example.com")
    confirmed("ann@example.com", Kind.COMMENT, comment=ann)
    confirmed("fan@example.com", Kind.STORY, article=story)
    with django_capture_on_commit_callbacks(execute=True):
        response = post_comment(client, story, parent=ann.pk, name="Dee", email="dee@example.com")
    assert response.status_code == 303
    assert Comment.objects.latest("pk").status == Comment.Status.APPROVED
    assert sorted(notices()) == [
        ("ann@example.com", "Dee replied to your comment"),
        ("fan@example.com", "New comment on “A story”"),
    ]


def test_moderators_still_get_their_notice_through_the_outbox(
    client, story, django_capture_on_commit_callbacks, smtp_server, settings
):
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_superuser("boss", "boss@example.com", "pw")
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(client, story)
    assert [row.recipient for row in OutboxMessage.objects.all()] == ["boss@example.com"]
    deliver_due()
    [mail] = smtp_server.messages
    assert "awaiting moderation" in str(mail["Subject"])
