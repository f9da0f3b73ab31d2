"""One connection may have only a few confirmation mails sent from the sign-up forms
(the newsletter and "follow this discussion") in an hour, so a script cannot queue
mail to thousands of strangers' inboxes (comments/mail/subscribe.py,
doggydiary/throttle.py ``spend``)."""

import time

import pytest
from django.urls import reverse

from comments.mail import subscribe as signups
from comments.mail.models import Subscriber, Subscription
from doggydiary.outbox.models import OutboxMessage

from ..factories import make_article, make_category
from ..helpers import parse_html

pytestmark = pytest.mark.django_db

SAME_SITE = {"Sec-Fetch-Site": "same-origin"}
STRANGER, READER = "203.0.113.7", "198.51.100.20"
LIMIT = signups.SIGNUPS_PER_ADDRESS


def newsletter(client, email, address=STRANGER, **extra):
    return client.post(
        reverse("comments:newsletter"),
        {"email": email, **extra},
        headers=SAME_SITE,
        REMOTE_ADDR=address,
    )


def follow(client, story, email, address=STRANGER):
    return client.post(
        reverse("comments:follow", args=[story.slug]),
        {"email": email},
        headers=SAME_SITE,
        REMOTE_ADDR=address,
    )


def sign_up_many(client, count, address=STRANGER, prefix="someone"):
    for n in range(count):
        response = newsletter(client, f"{prefix}{n}@example.com", address)
        assert response.status_code == 200, n
        assert "Check your inbox" in response.text


def is_refused(response):
    return response.status_code == 429 and "Too many sign-ups" in response.text


def queued_to(email):
    return OutboxMessage.objects.filter(recipient=email).count()


def test_the_sixth_signup_from_one_address_is_refused_and_kept(client):
    dogs = make_category(name="Dogs")
    sign_up_many(client, LIMIT)
    assert OutboxMessage.objects.count() == LIMIT

    response = newsletter(client, "Victim@Example.com", sections=[dogs.pk])
    assert is_refused(response)
    assert "nothing was sent" in response.text
    assert "try again in 60 min" in response.text
    parse_html(response.content)
    assert 3590 <= int(response["Retry-After"]) <= 3600
    assert "no-cache" in response["Cache-Control"]
    # What was typed is kept: the address and the ticked section.
    assert 'value="Victim@Example.com"' in response.text
    assert f'value="{dogs.pk}" id="id_sections_1" checked' in response.text
    # Nothing saved, nothing queued.
    assert not Subscriber.objects.filter(email="victim@example.com").exists()
    assert queued_to("victim@example.com") == 0
    assert OutboxMessage.objects.count() == LIMIT

    # Another connection is not affected.
    assert newsletter(client, "victim@example.com", READER).status_code == 200
    assert queued_to("victim@example.com") == 1


def test_the_limit_spans_both_forms(client, story):
    sign_up_many(client, 3)
    for n in range(LIMIT - 3):
        assert follow(client, story, f"fan{n}@example.com").status_code == 200
    response = follow(client, story, "one-more@example.com")
    assert is_refused(response)
    assert "Follow this discussion" in response.text
    assert 'value="one-more@example.com"' in response.text
    assert "Please fix what is marked below" not in response.text
    parse_html(response.content)
    assert response["Retry-After"].isdigit()
    assert not Subscription.objects.filter(kind=Subscription.Kind.STORY, article=story).exclude(
        subscriber__email__startswith="fan"
    )
    assert is_refused(newsletter(client, "and-another@example.com"))
    assert OutboxMessage.objects.count() == LIMIT


def test_only_a_signup_that_sends_mail_counts(client, story, confirmed):
    # The same pending address again and again sends one mail and spends one sign-up.
    for _ in range(LIMIT + 2):
        assert newsletter(client, "keen@example.com").status_code == 200
    assert queued_to("keen@example.com") == 1
    # A confirmed reader following a story is asked to confirm that once (its link
    # lasts a week), however often the form is sent: one mail, one sign-up spent.
    confirmed("reader@example.com", Subscription.Kind.DIGEST)
    before = queued_to("reader@example.com")
    for _ in range(LIMIT + 1):
        assert follow(client, story, "reader@example.com").status_code == 200
    assert queued_to("reader@example.com") == before + 1
    sign_up_many(client, LIMIT - 2)
    assert is_refused(newsletter(client, "over@example.com"))
    # Past the limit, what sends nothing still goes through...
    assert newsletter(client, "keen@example.com").status_code == 200
    assert follow(client, story, "reader@example.com").status_code == 200
    # ...but a new subscription for a confirmed address needs a mail, so it waits.
    assert is_refused(follow(client, make_article(slug="another"), "reader@example.com"))


def test_an_ipv6_client_is_counted_by_its_64(client):
    for n in range(LIMIT):
        assert (
            newsletter(client, f"v6-{n}@example.com", f"2001:db8:1:2::{n + 1:x}").status_code == 200
        )
    assert is_refused(newsletter(client, "next@example.com", "2001:db8:1:2:ffff::1"))
    assert newsletter(client, "next@example.com", "2001:db8:1:3::1").status_code == 200


def test_a_new_window_starts_when_the_old_one_has_passed(client, monkeypatch):
    monkeypatch.setattr(signups, "SIGNUPS_PER_ADDRESS", 2)
    # Three seconds: long enough for three sign-ups on a busy machine (one second was
    # not, under CI's load), short enough to wait for.
    monkeypatch.setattr(signups, "SIGNUP_WINDOW", 3)
    sign_up_many(client, 2)
    refused = newsletter(client, "later@example.com")
    assert is_refused(refused)
    assert 1 <= int(refused["Retry-After"]) <= 3
    assert "try again in 1 min" in refused.text
    time.sleep(3.1)  # real time passes; the window is three seconds
    assert newsletter(client, "later@example.com").status_code == 200
    assert queued_to("later@example.com") == 1


@pytest.mark.usefixtures("file_cache_short_default")
def test_the_count_lasts_the_window_in_the_file_cache(client):
    """The file cache (production's default) rewrites a count it increments with the
    cache's default timeout; the count must still last the hour."""
    sign_up_many(client, LIMIT)
    time.sleep(1.1)
    refused = newsletter(client, "next@example.com")
    assert is_refused(refused)
    assert 3590 <= int(refused["Retry-After"]) <= 3600


def test_behind_the_proxy_the_forwarded_address_counts(client, settings):
    settings.NUM_PROXIES = 1

    def through_proxy(email, forwarded):
        return client.post(
            reverse("comments:newsletter"),
            {"email": email},
            headers=SAME_SITE,
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=forwarded,
        )

    for n in range(LIMIT):
        # What the stranger puts in front of the proxy's own entry changes nothing.
        assert through_proxy(f"p{n}@example.com", f"10.0.0.{n}, {STRANGER}").status_code == 200
    assert is_refused(through_proxy("next@example.com", STRANGER))
    # Another reader behind the same proxy is not the stranger.
    assert through_proxy("next@example.com", READER).status_code == 200


@pytest.mark.usefixtures("unreachable_redis")
def test_the_budget_holds_while_the_page_cache_is_down(client):
    """Budgets live in their own table (issue 18), not in the cache that keeps pages:
    a cache that is down neither stops sign-ups nor lifts the budget."""
    sign_up_many(client, LIMIT)
    assert is_refused(newsletter(client, "one-too-many@example.com"))
    assert OutboxMessage.objects.count() == LIMIT
