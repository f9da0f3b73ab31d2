"""Double opt-in and one-click unsubscribe, through the site's own forms and links
and a real SMTP server on loopback."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from comments.decisions import approve
from comments.mail import links
from comments.mail.models import Subscriber, Subscription
from comments.mail.subscribe import subscribe
from comments.models import Comment
from doggydiary.outbox.delivery import deliver_due
from doggydiary.outbox.models import OutboxMessage

from ..factories import make_category, make_comment
from ..helpers import link_in, post_comment, text_of

pytestmark = pytest.mark.django_db
SAME_SITE = {"Sec-Fetch-Site": "same-origin"}


def post_and_commit(client, capture, story, **fields):
    with capture(execute=True):
        response = post_comment(client, story, **fields)
    assert response.status_code == 303
    return Comment.objects.latest("pk")


class TestDoubleOptIn:
    def test_only_the_confirmation_until_confirmed(
        self, client, story, smtp_server, django_capture_on_commit_callbacks
    ):
        capture = django_capture_on_commit_callbacks
        mine = post_and_commit(client, capture, story, notify="on", email="Jo@Example.com")
        # A second comment opting in from the same address: still one confirmation.
        post_and_commit(client, capture, story, notify="on", body="And another thing.")
        with capture(execute=True):
            approve(Comment.objects.filter(pk=mine.pk), None)
        deliver_due()
        [confirmation] = smtp_server.messages
        assert confirmation["To"] == "jo@example.com"
        assert "confirm" in str(confirmation["Subject"]).lower()
        assert "A story" in text_of(confirmation)
        assert (
            confirmation["List-Unsubscribe"]
            .strip()
            .startswith("<http://testserver/mail/unsubscribe/")
        )
        assert Subscriber.objects.get().confirmed_at is None

        # Opening the link shows a button (mail scanners that follow links confirm
        # nothing); pressing it confirms.
        path = link_in(confirmation, "/mail/confirm/")
        page = client.get(path)
        assert page.status_code == 200
        assert "Confirm my address" in page.text
        assert Subscriber.objects.get().confirmed_at is None
        done = client.post(path)
        assert done.status_code == 200
        assert "Your address is confirmed" in done.text
        assert not done.cookies
        assert Subscriber.objects.get().confirmed_at is not None

        # From now on the address hears about its comments.
        reply = make_comment(story, parent=mine, name="Pat", email="pat@example.com",
                             status=Comment.Status.PENDING)  # fmt: skip
        with capture(execute=True):
            approve(Comment.objects.filter(pk=reply.pk), None)
        deliver_due()
        assert [str(m["Subject"]) for m in smtp_server.to("jo@example.com")][1:] == [
            "[Doggy Diary] Pat replied to your comment"
        ]

    def test_an_unticked_box_subscribes_nobody(
        self, client, story, django_capture_on_commit_callbacks
    ):
        post_and_commit(client, django_capture_on_commit_callbacks, story)
        assert Subscriber.objects.count() == 0
        assert OutboxMessage.objects.count() == 0

    def test_spam_never_triggers_a_confirmation(
        self, client, story, django_capture_on_commit_callbacks
    ):
        post_and_commit(
            client, django_capture_on_commit_callbacks, story, notify="on", honeypot="filled"
        )
        assert OutboxMessage.objects.count() == 0

    def test_forged_link_is_refused_with_words(self, client, smtp_server):
        subscription = subscribe("jo@example.com", Subscription.Kind.DIGEST)
        token = links.make_token(subscription.subscriber, links.CONFIRM)
        for forged in [token[:-3] + "abc", "1.nonsense", "x.y", "999999.abc:def"]:
            response = client.get(reverse("comments:mail_confirm", args=[forged]))
            assert response.status_code in (400, 404), forged
            assert "link" in response.text.lower()
            post = client.post(reverse("comments:mail_confirm", args=[forged]))
            assert post.status_code in (400, 404)
        # Another purpose's signature does not confirm either.
        manage = links.make_token(subscription.subscriber, links.MANAGE)
        assert client.post(reverse("comments:mail_confirm", args=[manage])).status_code == 400
        assert Subscriber.objects.get().confirmed_at is None

    def test_expired_link_is_refused_and_a_new_signup_sends_a_new_one(self, client, smtp_server):
        eight_days_ago = timezone.now() - timedelta(days=8)
        subscription = subscribe("jo@example.com", Subscription.Kind.DIGEST, now=eight_days_ago)
        deliver_due()
        path = link_in(smtp_server.messages[0], "/mail/confirm/")
        response = client.post(path)
        assert response.status_code == 400
        assert "expired" in response.text
        assert Subscriber.objects.get().confirmed_at is None
        # Signing up again within the week sends nothing; after it, a fresh link.
        subscribe("jo@example.com", Subscription.Kind.DIGEST)
        subscribe("jo@example.com", Subscription.Kind.DIGEST)
        deliver_due()
        assert len(smtp_server.messages) == 2
        assert client.post(link_in(smtp_server.messages[1], "/mail/confirm/")).status_code == 200
        assert Subscriber.objects.get(pk=subscription.subscriber_id).confirmed_at is not None


class TestSignupForms:
    def test_newsletter_page_and_signup(self, client):
        dogs = make_category(name="Dogs")
        make_category(name="Cats")
        page = client.get(reverse("comments:newsletter"))
        assert page.status_code == 200
        assert "Dogs" in page.text
        assert "Cats" in page.text
        assert not page.cookies
        response = client.post(
            reverse("comments:newsletter"),
            {"email": "Reader@Example.com", "sections": [dogs.pk]},
            headers=SAME_SITE,
        )
        assert response.status_code == 200
        assert "Check your inbox" in response.text
        assert not response.cookies
        digest = Subscription.objects.get(kind=Subscription.Kind.DIGEST)
        assert digest.subscriber.email == "reader@example.com"
        assert list(digest.sections.all()) == [dogs]
        assert OutboxMessage.objects.get().recipient == "reader@example.com"

    def test_a_stranger_cannot_change_someones_sections(self, client, confirmed):
        dogs, cats = make_category(name="Dogs"), make_category(name="Cats")
        digest = confirmed("reader@example.com", Subscription.Kind.DIGEST, sections=[dogs])
        client.post(
            reverse("comments:newsletter"),
            {"email": "reader@example.com", "sections": [cats.pk]},
            headers=SAME_SITE,
        )
        assert list(digest.sections.all()) == [dogs]

    def test_bad_input_is_explained_and_kept(self, client):
        response = client.post(
            reverse("comments:newsletter"),
            {"email": "not an address", "sections": ["x", "99999"]},
            headers=SAME_SITE,
        )
        assert response.status_code == 400
        assert "does not look like an email address" in response.text
        assert 'value="not an address"' in response.text
        assert Subscriber.objects.count() == 0

    def test_cross_site_signup_is_refused(self, client):
        response = client.post(
            reverse("comments:newsletter"),
            {"email": "reader@example.com"},
            headers={"Sec-Fetch-Site": "cross-site"},
        )
        assert response.status_code == 403
        assert Subscriber.objects.count() == 0

    def test_follow_form_on_the_story(self, client, story):
        page = client.get(story.get_absolute_url())
        assert reverse("comments:follow", args=[story.slug]) in page.text
        assert 'name="notify"' in page.text
        assert reverse("comments:privacy") in page.text
        response = client.post(
            reverse("comments:follow", args=[story.slug]),
            {"email": "fan@example.com"},
            headers=SAME_SITE,
        )
        assert response.status_code == 200
        assert Subscription.objects.get().article == story
        bad = client.post(
            reverse("comments:follow", args=[story.slug]), {"email": ""}, headers=SAME_SITE
        )
        assert bad.status_code == 400
        assert "Please give your email address." in bad.text


class TestUnsubscribe:
    def mail_for(self, smtp_server, story, confirmed, capture):
        follow = confirmed("fan@example.com", Subscription.Kind.STORY, article=story)
        digest = confirmed("fan@example.com", Subscription.Kind.DIGEST)
        comment = make_comment(story, status=Comment.Status.PENDING)
        with capture(execute=True):
            approve(Comment.objects.filter(pk=comment.pk), None)
        deliver_due()
        [message] = smtp_server.to("fan@example.com")[-1:]
        return message, follow, digest

    def test_one_click_post_per_rfc_8058(
        self, client, story, smtp_server, confirmed, django_capture_on_commit_callbacks
    ):
        capture = django_capture_on_commit_callbacks
        message, follow, digest = self.mail_for(smtp_server, story, confirmed, capture)
        before = len(smtp_server.to("fan@example.com"))
        assert message["List-Unsubscribe-Post"].strip() == "List-Unsubscribe=One-Click"
        address = message["List-Unsubscribe"].strip().strip("<>").replace("http://testserver", "")
        # A queued mail of the same thread is cancelled at once.
        second = make_comment(story, status=Comment.Status.PENDING, email="b@example.com")
        with capture(execute=True):
            approve(Comment.objects.filter(pk=second.pk), None)
        # Mail clients post with no CSRF token and no cookie.
        response = client.post(address, {"List-Unsubscribe": "One-Click"})
        assert response.status_code == 200
        assert not Subscription.objects.filter(pk=follow.pk).exists()
        assert Subscription.objects.filter(pk=digest.pk).exists()  # only that thread
        assert OutboxMessage.objects.filter(status="cancelled").count() == 1
        # Repeating it is harmless.
        assert client.post(address, {"List-Unsubscribe": "One-Click"}).status_code == 200
        third = make_comment(story, status=Comment.Status.PENDING, email="c@example.com")
        with capture(execute=True):
            approve(Comment.objects.filter(pk=third.pk), None)
        deliver_due()
        assert len(smtp_server.to("fan@example.com")) == before

    def test_visible_link_page_stops_all_mail(
        self, client, story, smtp_server, confirmed, django_capture_on_commit_callbacks
    ):
        capture = django_capture_on_commit_callbacks
        message, follow, digest = self.mail_for(smtp_server, story, confirmed, capture)
        before = len(smtp_server.to("fan@example.com"))
        path = link_in(message, "/mail/unsubscribe/")
        page = client.get(path)
        assert page.status_code == 200
        assert "Stop all mail to this address" in page.text
        assert Subscription.objects.count() == 2  # a GET changes nothing
        response = client.post(path, {"scope": "all"})
        assert response.status_code == 200
        assert "No more mail" in response.text
        assert not Subscriber.objects.filter(email="fan@example.com").exists()
        # Afterwards nothing more is sent: the old links are void, the notices find nobody.
        later = make_comment(story, status=Comment.Status.PENDING, email="d@example.com")
        with capture(execute=True):
            approve(Comment.objects.filter(pk=later.pk), None)
        deliver_due()
        assert len(smtp_server.to("fan@example.com")) == before
        again = client.get(path)  # the address is gone: its links no longer work
        assert again.status_code == 400
        assert "gets no mail from us" in again.text

    def test_forged_unsubscribe_link(self, client, confirmed):
        digest = confirmed("fan@example.com", Subscription.Kind.DIGEST)
        token = links.make_token(digest.subscriber, links.UNSUBSCRIBE, {"s": digest.pk})
        forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
        response = client.post(
            reverse("comments:mail_unsubscribe", args=[forged]), {"List-Unsubscribe": "One-Click"}
        )
        assert response.status_code == 400
        assert Subscription.objects.filter(pk=digest.pk).exists()
