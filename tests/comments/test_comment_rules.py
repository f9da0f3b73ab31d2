"""Which new comments are held, approved or marked as spam, and which address is recorded."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from comments.models import Comment
from comments.tokens import COOKIE_NAME

from ..helpers import post_comment, shown_ago

pytestmark = pytest.mark.django_db


class TestModerationRules:
    def status_of(self, client, story, **fields):
        post_comment(client, story, **fields)
        return Comment.objects.latest("pk")

    def test_manual_approval_holds_with_reason(self, client, story):
        comment = self.status_of(client, story)
        assert comment.status == "pending"
        assert comment.reasons == ["every comment is approved by hand"]

    def test_links_hold_a_comment(self, client, story, rules):
        rules.manual_approval = False
        rules.save()
        fine = self.status_of(client, story, body="See https://dogs.com")
        held = self.status_of(client, story, body="See https://a.com and http://b.com")
        assert fine.status == "approved"
        assert held.status == "pending"
        assert "2 links" in held.reasons[0]

    def test_moderation_words_hold_and_blocklist_spams(self, client, story, rules):
        rules.manual_approval = False
        rules.moderation_words = "casino\n"
        rules.blocklist = "cheap pills\nbad@spam.example\n10.9.9.9"
        rules.save()
        assert self.status_of(client, story, body="Win at the CASINO").status == "pending"
        assert self.status_of(client, story, body="buy cheap pills").status == "spam"
        assert self.status_of(client, story, email="bad@spam.example").status == "spam"
        blocked_ip = self.status_of(
            client, story, body="from ip", environ={"REMOTE_ADDR": "10.9.9.9"}
        )
        assert blocked_ip.status == "spam"
        assert "10.9.9.9" in blocked_ip.reasons[0]
        assert self.status_of(client, story, body="A kind word").status == "approved"

    def test_honeypot_goes_to_spam_but_looks_pending_to_the_robot(self, client, story):
        response = post_comment(client, story, honeypot="http://spam.example")
        comment = Comment.objects.get()
        assert comment.status == "spam"
        assert "hidden field" in comment.reasons[0]
        assert "pending=" in response["Location"]

    def test_returning_commenter_needs_the_browser_key_not_just_the_email(
        self, client, story, rules
    ):
        rules.approve_returning = True
        rules.save()
        first = post_comment(client, story, body="First ever", remember="on")
        assert Comment.objects.get().status == "pending"
        Comment.objects.update(status="approved")
        # Same browser (it holds the signed key): approved at once.
        post_comment(client, story, body="Second from my browser", remember="on")
        assert Comment.objects.latest("pk").status == "approved"
        assert first.cookies[COOKIE_NAME].value
        # Someone else who knows the email address: held.
        stranger = client_class()
        post_comment(stranger, story, body="Impostor", remember="on")
        assert Comment.objects.latest("pk").status == "pending"
        post_comment(stranger, story, body="Impostor again")
        assert Comment.objects.latest("pk").status == "pending"

    def test_staff_replies_from_the_site_are_approved_and_marked(self, client, story):
        staff = get_user_model().objects.create_user("ed", "ed@example.com", "pw", is_staff=True)
        client.force_login(staff)
        post_comment(client, story, body="Staff here")
        comment = Comment.objects.get()
        assert comment.status == "approved"
        assert comment.is_staff_reply
        html = client.get(story.get_absolute_url()).content.decode()
        assert "Staff here" in html
        assert ">Staff<" in html

    def test_staff_without_origin_proof_is_not_auto_approved(self, client, story):
        staff = get_user_model().objects.create_user("ed", "ed@example.com", "pw", is_staff=True)
        client.force_login(staff)
        client.post(
            reverse("comments:create", args=[story.slug]),
            {"body": "no origin", "name": "Ed", "email": "ed@example.com", "shown": shown_ago()},
        )
        assert Comment.objects.get().status == "pending"


def client_class():
    from django.test import Client

    return Client()


class TestSenderAddress:
    def test_forwarded_for_is_ignored_unless_proxies_are_trusted(self, client, story, settings):
        headers = {"x-forwarded-for": "203.0.113.7, 198.51.100.2"}
        post_comment(client, story, body="direct", headers=headers)
        assert Comment.objects.get(body="direct").ip_address == "127.0.0.1"
        settings.NUM_PROXIES = 1
        post_comment(client, story, body="one proxy", headers=headers)
        assert Comment.objects.get(body="one proxy").ip_address == "198.51.100.2"
        settings.NUM_PROXIES = 2
        post_comment(client, story, body="two proxies", headers=headers)
        assert Comment.objects.get(body="two proxies").ip_address == "203.0.113.7"
