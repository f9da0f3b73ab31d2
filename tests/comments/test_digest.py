"""The daily digest: one mail per subscriber per day with only the new stories in
their sections, none on a day without news, a missed day sent once."""

from datetime import timedelta

import pytest
from django.utils import timezone

from comments.mail.digest import send_due_digest
from comments.mail.models import DigestRun, Subscription
from comments.mail.subscribe import subscribe
from doggydiary.outbox.delivery import deliver_due
from doggydiary.outbox.models import OutboxMessage

from ..factories import make_article, make_category
from ..helpers import html_of, link_in, text_of

pytestmark = pytest.mark.django_db
DIGEST = Subscription.Kind.DIGEST


def digests():
    """{recipient: [story titles in the mail]} of every digest queued so far."""
    found = {}
    for row in OutboxMessage.objects.filter(topic="digest").order_by("pk"):
        titles = [line for line in row.message["body"].splitlines() if line.startswith("Tale")]
        found.setdefault(row.recipient, []).append(titles)
    return found


@pytest.fixture(name="day")
def day_fixture(settings):
    """07:30 site time, ten days ago: digest hour 7; every later moment a test uses is
    still in the past, so the stories are published."""
    settings.DIGEST_HOUR = 7
    past = timezone.localtime() - timedelta(days=10)
    return past.replace(hour=7, minute=30, second=0, microsecond=0)


def test_one_mail_per_subscriber_per_day_with_their_sections(day, confirmed, smtp_server):
    dogs, cats = make_category(name="Dogs"), make_category(name="Cats")
    confirmed("all@example.com", DIGEST)
    confirmed("dogs@example.com", DIGEST, sections=[dogs])
    confirmed("cats@example.com", DIGEST, sections=[cats])
    subscribe("unconfirmed@example.com", DIGEST)
    make_article(title="Tale of a dog", category=dogs, publish_at=day - timedelta(hours=2),
                 dek="A dog's standfirst.")  # fmt: skip
    make_article(title="Tale too old", category=dogs, publish_at=day - timedelta(days=2))

    assert send_due_digest(day - timedelta(hours=1)) is not None  # yesterday's, first run
    OutboxMessage.objects.filter(topic="digest").delete()
    DigestRun.objects.all().delete()
    run = send_due_digest(day)
    assert run.sent == 2
    assert send_due_digest(day + timedelta(hours=3)) is None  # once a day
    assert digests() == {
        "all@example.com": [["Tale of a dog"]],
        "dogs@example.com": [["Tale of a dog"]],
    }

    make_article(title="Tale of a cat", category=cats, publish_at=day + timedelta(hours=3))
    send_due_digest(day + timedelta(days=1))
    assert digests() == {
        "all@example.com": [["Tale of a dog"], ["Tale of a cat"]],
        "dogs@example.com": [["Tale of a dog"]],
        "cats@example.com": [["Tale of a cat"]],
    }
    deliver_due()
    [mail] = smtp_server.to("cats@example.com")[1:]
    assert "Tale of a cat" in html_of(mail)
    assert "http://testserver/story/" in text_of(mail)
    assert mail["List-Unsubscribe"]
    assert "/mail/subscriber/" in link_in(mail, "/mail/subscriber/")


def test_none_on_a_day_without_news(day, confirmed):
    confirmed("all@example.com", DIGEST)
    make_article(title="Tale of yesterday", publish_at=day - timedelta(hours=1))
    send_due_digest(day)
    run = send_due_digest(day + timedelta(days=1))
    assert run is not None
    assert run.sent == 0
    assert digests() == {"all@example.com": [["Tale of yesterday"]]}


def test_a_missed_day_is_sent_once(day, confirmed):
    confirmed("all@example.com", DIGEST)
    send_due_digest(day)
    make_article(title="Tale one", publish_at=day + timedelta(hours=2))
    make_article(title="Tale two", publish_at=day + timedelta(days=1, hours=2))
    # The worker was down on day 2 at the hour; it comes back on day 3 before the
    # hour: day 2's digest goes now, with everything since day 1's.
    back = day + timedelta(days=2, hours=-1)
    assert send_due_digest(back).day == (day + timedelta(days=1)).date()
    assert send_due_digest(back + timedelta(minutes=20)) is None
    assert send_due_digest(day + timedelta(days=2)).sent == 0  # day 3: nothing new
    assert digests() == {"all@example.com": [["Tale two", "Tale one"]]}


def test_changing_sections_and_leaving_through_the_signed_page(client, day, confirmed):
    make_category(name="Dogs")
    cats = make_category(name="Cats")
    digest = confirmed("all@example.com", DIGEST)
    from comments.mail import links

    path = links.link(digest.subscriber, links.MANAGE).replace("http://127.0.0.1:8000", "")
    page = client.get(path)
    assert page.status_code == 200
    assert "Dogs" in page.text
    saved = client.post(path, {"action": "save", "sections": [cats.pk]})
    assert saved.status_code == 200
    assert list(digest.sections.all()) == [cats]
    bad = client.post(path, {"action": "save", "sections": ["nope"]})
    assert bad.status_code == 400
    assert "choose from the sections" in bad.text
    client.post(path, {"action": "leave"})
    assert not Subscription.objects.filter(kind=DIGEST).exists()
    assert client.get(path[:-5] + "xxxx/").status_code == 400


def test_addresses_never_confirmed_are_forgotten(day, confirmed):
    confirmed("kept@example.com", DIGEST)
    subscribe("recent@example.com", DIGEST, now=day + timedelta(days=5))
    subscribe("stale@example.com", DIGEST, now=day - timedelta(days=10))
    send_due_digest(day + timedelta(days=6))
    from comments.mail.models import Subscriber

    assert sorted(Subscriber.objects.values_list("email", flat=True)) == [
        "kept@example.com",
        "recent@example.com",
    ]
