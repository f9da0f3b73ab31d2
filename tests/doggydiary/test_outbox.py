"""The outbox: mail is written in the sender's transaction and delivered by the
worker to a real SMTP server on loopback, with retries, leases and a per-recipient
bound, so nothing is lost and nothing is sent twice."""

import time
from datetime import timedelta

import pytest
from django.core.mail import get_connection, send_mail
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from doggydiary.outbox import delivery
from doggydiary.outbox.models import OutboxMessage
from doggydiary.outbox.queue import build

pytestmark = pytest.mark.django_db
Status = OutboxMessage.Status


def queue(n, to="reader@example.com"):
    for i in range(n):
        send_mail(f"Message {i}", f"Body {i}", None, [to])


def test_send_mail_only_writes_a_row(smtp_server):
    send_mail("Hello", "Plain words", None, ["a@example.com", "b@example.com"])
    rows = list(OutboxMessage.objects.order_by("recipient"))
    assert [(r.recipient, r.status) for r in rows] == [
        ("a@example.com", Status.QUEUED),
        ("b@example.com", Status.QUEUED),
    ]
    assert smtp_server.messages == []  # nothing sent until the worker runs
    assert delivery.deliver_due() == 2
    # One message per recipient: nobody sees another's address.
    assert sorted(m["To"] for m in smtp_server.messages) == ["a@example.com", "b@example.com"]


def test_a_rolled_back_change_sends_nothing(smtp_server):
    # The raise inside the block is the point: it rolls the transaction back.
    with pytest.raises(RuntimeError), transaction.atomic():  # noqa: PT012
        send_mail("Never", "Rolled back", None, ["a@example.com"])
        raise RuntimeError("the change failed")
    assert OutboxMessage.objects.count() == 0
    assert delivery.deliver_due() == 0


def test_server_down_then_back_every_message_once(smtp_server):
    queue(5)
    smtp_server.stop()
    now = timezone.now()
    assert delivery.deliver_due(now) == 0
    rows = OutboxMessage.objects.all()
    assert {(r.status, r.attempts) for r in rows} == {(Status.QUEUED, 1)}
    assert all("Connection" in r.last_error or "refused" in r.last_error for r in rows)
    # Not due again before the backoff has passed.
    assert delivery.deliver_due(now + timedelta(seconds=10)) == 0
    assert set(OutboxMessage.objects.values_list("attempts", flat=True)) == {1}

    smtp_server.start()
    assert delivery.deliver_due(now + timedelta(minutes=1)) == 5
    assert delivery.deliver_due(now + timedelta(hours=2)) == 0  # nothing left, nothing again
    subjects = sorted(str(m["Subject"]) for m in smtp_server.messages)
    assert subjects == [f"Message {i}" for i in range(5)]
    assert len({m["Message-ID"] for m in smtp_server.messages}) == 5
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {Status.SENT}


def test_server_goes_away_mid_queue(smtp_server, settings):
    """The first message goes, the server disappears, the rest wait; once it is back
    every message has arrived exactly once."""
    settings.EMAIL_TIMEOUT = 2
    queue(4)
    now = timezone.now()
    first = delivery.claim(now, limit=1)
    assert delivery.deliver(first, now) == 1
    smtp_server.stop()
    assert delivery.deliver_due(now) == 0
    assert OutboxMessage.objects.filter(status=Status.QUEUED, attempts=1).count() == 3
    smtp_server.start()
    assert delivery.deliver_due(now + timedelta(minutes=5)) == 3
    assert sorted(str(m["Subject"]) for m in smtp_server.messages) == [
        f"Message {i}" for i in range(4)
    ]


def test_gives_up_after_the_last_attempt(smtp_server, settings):
    settings.MAIL_MAX_ATTEMPTS = 3
    queue(1)
    smtp_server.stop()
    now = timezone.now()
    for hour in range(3):
        delivery.deliver_due(now + timedelta(hours=hour * 2))
    row = OutboxMessage.objects.get()
    assert (row.status, row.attempts) == (Status.FAILED, 3)
    smtp_server.start()
    assert delivery.deliver_due(now + timedelta(days=1)) == 0  # failed stays failed


def test_a_killed_worker_loses_nothing(smtp_server, settings):
    """A worker that claimed rows and died leaves them "sending"; after the lease a
    new worker sends them, once."""
    queue(3)
    now = timezone.now()
    claimed = delivery.claim(now)  # ... and the worker is killed here
    assert len(claimed) == 3
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {Status.SENDING}
    assert delivery.deliver_due(now + timedelta(seconds=60)) == 0  # still leased
    later = now + timedelta(seconds=settings.MAIL_LEASE_SECONDS + 1)
    assert delivery.deliver_due(later) == 3
    assert delivery.deliver_due(later + timedelta(hours=1)) == 0
    assert len(smtp_server.messages) == 3


def test_each_row_keeps_its_message_id(smtp_server, settings):
    """The one window for a repeat: a worker killed after the server accepted a mail
    but before marking it. The repeat carries the same Message-ID."""
    queue(1)
    now = timezone.now()
    [row] = delivery.claim(now)
    # What the dead worker managed to do: hand the mail to the server.
    get_connection(settings.EMAIL_DELIVERY_BACKEND).send_messages([build(row)])
    assert delivery.deliver_due(now) == 0
    message_id = OutboxMessage.objects.get().message["headers"]["Message-ID"]
    delivery.deliver_due(now + timedelta(minutes=10))
    assert [m["Message-ID"] for m in smtp_server.messages] == [message_id, message_id]


def test_per_recipient_bound_defers_and_never_drops(smtp_server, settings):
    settings.MAIL_PER_RECIPIENT_PER_HOUR = 2
    queue(3, to="busy@example.com")
    queue(1, to="calm@example.com")
    assert delivery.deliver_due() == 3
    waiting = OutboxMessage.objects.get(status=Status.QUEUED)
    assert waiting.recipient == "busy@example.com"
    assert waiting.attempts == 0
    assert waiting.next_attempt_at > timezone.now() + timedelta(minutes=59)
    assert delivery.deliver_due() == 0
    assert len(smtp_server.to("busy@example.com")) == 2
    # An hour after the first of the two, the third goes.
    assert delivery.deliver_due(waiting.next_attempt_at) == 1
    assert len(smtp_server.to("busy@example.com")) == 3


def test_the_same_notice_is_queued_once(smtp_server):
    from django.core.mail import EmailMessage

    from doggydiary.outbox.queue import enqueue

    message = EmailMessage("Once", "Only once", None, ["a@example.com"])
    assert enqueue(message, dedupe_key="approved:1") == 1
    assert enqueue(message, dedupe_key="approved:1") == 0
    assert enqueue(message, dedupe_key="approved:11") == 1
    assert OutboxMessage.objects.count() == 2


def test_run_worker_command_once(smtp_server, capsys):
    queue(2)
    call_command("run_worker", "--once")
    assert "Sent 2 message(s) in 1 pass(es)." in capsys.readouterr().out
    assert len(smtp_server.messages) == 2
    call_command("run_worker", "--max-loops", "2", "--idle", "0")
    assert len(smtp_server.messages) == 2


def test_throughput_to_loopback_smtp(smtp_server):
    """How many messages a minute the worker sends to the loopback server (each to its
    own address, with the per-recipient bound checked as in production)."""
    count = 300
    for i in range(count):
        send_mail(f"Message {i}", "Body", None, [f"reader{i}@example.com"])
    start = time.perf_counter()
    sent = sum(delivery.deliver_due() for _ in range(count // delivery.BATCH + 1))
    seconds = time.perf_counter() - start
    assert sent == count == len(smtp_server.messages)
    print(f"\noutbox throughput: {count / seconds * 60:.0f} messages a minute ({seconds:.2f} s)")


def test_admin_lists_failed_mail_and_sends_it_again(client, smtp_server, settings):
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    settings.MAIL_MAX_ATTEMPTS = 1
    queue(1, to="lost@example.com")
    smtp_server.stop()
    delivery.deliver_due()
    row = OutboxMessage.objects.get(status=Status.FAILED)
    admin = get_user_model().objects.create_superuser("boss", "boss@example.com", "pw")
    client.force_login(admin)
    listing = client.get(reverse("admin:doggydiary_outboxmessage_changelist") + "?status=failed")
    assert listing.status_code == 200
    assert "lost@example.com" in listing.text
    client.post(
        reverse("admin:doggydiary_outboxmessage_changelist"),
        {"action": "send_again", "_selected_action": [row.pk]},
    )
    smtp_server.start()
    assert delivery.deliver_due() == 1
    assert smtp_server.to("lost@example.com")


@pytest.mark.django_db(transaction=True)
def test_workers_at_once_never_claim_the_same_mail(settings):
    """Four workers claiming at the same moment (PostgreSQL's SKIP LOCKED; SQLite
    runs one writer at a time): every row is claimed by exactly one of them."""
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connection, connections

    if connection.vendor != "postgresql":
        pytest.skip("concurrent claims are PostgreSQL's; SQLite serialises writers")
    settings.EMAIL_BACKEND = "doggydiary.outbox.backend.OutboxBackend"
    queue(120)

    def worker(_):
        mine = []
        try:
            for _ in range(50):
                rows = delivery.claim(limit=7)
                if not rows:
                    break
                mine += [row.pk for row in rows]
        finally:
            connections.close_all()
        return mine

    with ThreadPoolExecutor(4) as pool:
        claimed = [pk for ids in pool.map(worker, range(4)) for pk in ids]
    assert len(claimed) == len(set(claimed)) == 120


def test_old_mail_is_forgotten_after_the_keeping_time(smtp_server, settings):
    from doggydiary.outbox import jobs

    settings.MAIL_KEEP_DAYS = 30
    queue(2)
    delivery.deliver_due()
    old = OutboxMessage.objects.first()
    OutboxMessage.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=31))
    jobs._last_pruned.clear()
    assert jobs.prune_old_mail() == 1
    assert list(OutboxMessage.objects.values_list("status", flat=True)) == [Status.SENT]
