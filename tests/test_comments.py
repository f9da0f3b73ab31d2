import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from comments.models import Comment, DiscussionSettings
from comments.services import COOKIE_NAME

from .comment_helpers import make_comment, post_comment, shown_ago
from .factories import make_article
from .pages import parse_html

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    return make_article(title="A story", slug="a-story")


@pytest.fixture
def rules():
    return DiscussionSettings.load()


def follow_pending(client, response):
    assert response.status_code == 303
    return client.get(response["Location"])


class TestTheForm:
    def test_leave_a_reply_as_readers_know_it(self, client, story):
        response = client.get(story.get_absolute_url())
        html = response.content.decode()
        assert "Leave a Reply" in html
        assert "Your email address will not be published. Required fields are marked" in html
        labels = re.findall(r'<label for="id_(\w+)">', html)
        assert labels[:5] == ["body", "name", "email", "website", "remember"]
        tree = parse_html(response.content)
        remember = tree.find(".//input[@name='remember']")
        assert remember.get("type") == "checkbox" and remember.get("checked") is None
        for name in ["body", "name", "email"]:
            field = tree.find(f".//*[@name='{name}']")
            assert field.get("required") is not None

    def test_reading_sets_no_cookie_and_page_is_cacheable(self, client, story):
        response = client.get(story.get_absolute_url())
        assert not response.cookies
        assert "csrfmiddlewaretoken" not in response.content.decode()
        assert set(response["Cache-Control"].split(", ")) == {"public", "max-age=0", "s-maxage=60"}

    def test_honeypot_is_hidden_from_everyone(self, client, story):
        tree = parse_html(client.get(story.get_absolute_url()).content)
        trap = tree.find(".//input[@name='honeypot']")
        assert trap.get("tabindex") == "-1" and trap.get("autocomplete") == "off"
        wrapper = [p for p in tree.iter("p") if trap in list(p)][0]
        assert wrapper.get("aria-hidden") == "true" and "hp" in wrapper.get("class")

    def test_closed_story_shows_no_form(self, client):
        closed = make_article(comments_open=False)
        html = client.get(closed.get_absolute_url()).content.decode()
        assert "Comments are closed" in html and "Post Comment" not in html


class TestPosting:
    def test_submitter_and_only_the_submitter_sees_the_pending_comment(self, client, story):
        response = post_comment(client, story, body="Pending words here")
        assert response.status_code == 303
        assert "pending=" in response["Location"] and response["Location"].endswith(
            f"#comment-{Comment.objects.get().pk}"
        )
        assert not response.cookies  # remember was not ticked
        own = client.get(response["Location"])
        assert b"Pending words here" in own.content
        assert b"awaiting moderation" in own.content
        assert "private" in own["Cache-Control"] and "no-store" in own["Cache-Control"]
        assert b'<meta name="robots" content="noindex">' in own.content
        other = client.get(story.get_absolute_url())
        assert b"Pending words here" not in other.content

    def test_a_forged_or_foreign_pending_token_shows_nothing(self, client, story):
        other = make_article()
        post_comment(client, other, body="Secret pending")
        mine = Comment.objects.get()
        from comments.services import pending_token

        for token in [pending_token(mine), "bm9wZQ:forged:sig", "%00"]:
            page = client.get(story.get_absolute_url(), {"pending": token})
            assert page.status_code == 200 and b"Secret pending" not in page.content

    def test_approved_comment_appears_for_everyone(self, client, story, rules):
        rules.manual_approval = False
        rules.save()
        response = post_comment(client, story, body="Straight through")
        assert "pending" not in response["Location"]
        assert b"Straight through" in client.get(story.get_absolute_url()).content

    def test_remember_me_sets_a_cookie_only_when_ticked_and_prefills(self, client, story):
        response = post_comment(client, story, remember="on", website="https://jo.example")
        cookie = response.cookies[COOKIE_NAME]
        assert cookie["httponly"] and cookie["samesite"] == "Lax"
        page = client.get(story.get_absolute_url())
        tree = parse_html(page.content)
        assert tree.find(".//input[@name='name']").get("value") == "Jo Reader"
        assert tree.find(".//input[@name='email']").get("value") == "jo@example.com"
        assert tree.find(".//input[@name='remember']").get("checked") is not None
        assert "private" in page["Cache-Control"]
        forget = post_comment(client, story, body="Second, not remembered")
        assert forget.cookies[COOKIE_NAME].value == ""  # deleted

    def test_a_tampered_cookie_is_ignored(self, client, story):
        client.cookies[COOKIE_NAME] = "eyJuYW1lIjoiRXZlIn0:forged:sig"
        tree = parse_html(client.get(story.get_absolute_url()).content)
        assert tree.find(".//input[@name='name']").get("value") is None


class TestErrorsKeepWhatWasTyped:
    def test_missing_fields_are_marked_accessibly(self, client, story):
        response = post_comment(client, story, name="", email="not-an-email", body="Keep me")
        assert response.status_code == 400
        tree = parse_html(response.content)
        name = tree.find(".//input[@name='name']")
        email = tree.find(".//input[@name='email']")
        assert name.get("aria-invalid") == "true"
        assert name.get("aria-describedby") == "id_name-error"
        assert tree.find(".//*[@id='id_name-error']") is not None
        assert email.get("value") == "not-an-email"
        assert "".join(tree.find(".//textarea[@name='body']").itertext()) == "Keep me"
        assert tree.find(".//*[@role='alert']") is not None
        assert Comment.objects.count() == 0

    @pytest.mark.parametrize(
        "shown, message",
        [(None, b"the form had expired"), ("forged", b"the form had expired"),
         ("fresh", b"quicker than a person")],
    )  # fmt: skip
    def test_expired_forged_or_too_fast_form_comes_back_with_text(
        self, client, story, shown, message
    ):
        token = shown_ago(0) if shown == "fresh" else shown
        response = post_comment(client, story, shown=token, body="Typed with care")
        assert response.status_code == 400
        assert message in response.content
        assert b"Typed with care" in response.content
        fresh = parse_html(response.content).find(".//input[@name='shown']").get("value")
        assert fresh and fresh != token  # the re-shown form starts a new clock
        assert Comment.objects.count() == 0

    def test_form_open_for_hours_still_works(self, client, story):
        assert post_comment(client, story, shown=shown_ago(6 * 3600)).status_code == 303

    @pytest.mark.parametrize(
        "headers",
        [{"origin": "https://evil.example"}, {"sec-fetch-site": "cross-site"},
         {"origin": "null"}, {"sec-fetch-site": "same-site"}],
    )  # fmt: skip
    def test_cross_site_posts_are_refused_with_text_kept(self, client, story, headers):
        response = post_comment(client, story, headers=headers, body="Forged?")
        assert response.status_code == 403
        assert b"another website" in response.content and b"Forged?" in response.content
        assert Comment.objects.count() == 0

    def test_same_origin_fetch_metadata_is_accepted(self, client, story):
        response = post_comment(client, story, headers={"sec-fetch-site": "same-origin"})
        assert response.status_code == 303

    def test_closed_comments_refuse_with_text_kept(self, client, rules):
        old = make_article(publish_at=timezone.now() - timedelta(days=40))
        rules.close_after_days = 30
        rules.save()
        response = post_comment(client, old, body="Too late?")
        assert response.status_code == 403 and b"Too late?" in response.content
        assert b"Comments are closed" in response.content
        assert b"Post Comment" not in response.content
        rules.close_after_days = 60
        rules.save()
        assert post_comment(client, old).status_code == 303

    def test_rate_limit_per_ip(self, client, story, settings):
        settings.COMMENT_RATE_LIMIT = 2
        assert post_comment(client, story, body="one").status_code == 303
        assert post_comment(client, story, body="two").status_code == 303
        third = post_comment(client, story, body="three is kept")
        assert third.status_code == 429 and b"three is kept" in third.content
        other_ip = post_comment(client, story, body="four", environ={"REMOTE_ADDR": "10.0.0.9"})
        assert other_ip.status_code == 303
        assert Comment.objects.count() == 3

    def test_duplicate_is_refused_with_our_message(self, client, story):
        assert post_comment(client, story, body="Same words").status_code == 303
        again = post_comment(client, story, body="  same   WORDS ")
        assert again.status_code == 409
        assert b"already posted this comment" in again.content
        assert Comment.objects.count() == 1

    def test_too_long_is_refused(self, client, story, settings):
        settings.COMMENT_MAX_LENGTH = 100
        response = post_comment(client, story, body="x" * 101)
        assert response.status_code == 400 and b"up to 100 characters" in response.content

    @pytest.mark.parametrize(
        "fields",
        [{"body": "nul\x00byte"}, {"email": "a@b"}, {"website": "javascript:alert(1)"},
         {"website": "ftp://files.example"}, {"name": "x" * 81}, {"parent": "abc"},
         {"parent": "99999"}, {"body": "   \n  "}],
    )  # fmt: skip
    def test_bad_values_are_refused_clearly(self, client, story, fields):
        response = post_comment(client, story, **fields)
        assert response.status_code == 400
        assert b'aria-invalid="true"' in response.content or b'role="alert"' in response.content
        assert Comment.objects.count() == 0


class TestHostileInputIsInert:
    def test_html_and_scripts_are_shown_as_text(self, client, story, rules):
        rules.manual_approval = False
        rules.save()
        body = (
            '<script>alert("x")</script> <img src=x onerror=alert(1)> '
            '<a href="javascript:alert(1)">click</a> ünïcødé 🐶 https://dogs.com/ok'
        )
        assert post_comment(client, story, body=body, name="<b>Bold</b>").status_code == 303
        html = client.get(story.get_absolute_url()).content.decode()
        assert "<script>alert" not in html and "<img src=x" not in html
        assert '<a href="javascript' not in html
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
        assert "ünïcødé 🐶" in html
        assert '<a href="https://dogs.com/ok" rel="nofollow ugc noopener">' in html
        assert "&lt;b&gt;Bold&lt;/b&gt;" in html

    def test_paragraphs_and_line_breaks_are_kept(self, story):
        comment = make_comment(story, body="Line one\nline two\n\nSecond paragraph")
        assert comment.body_html == "<p>Line one<br>\nline two</p><p>Second paragraph</p>"


class TestModerationRules:
    def status_of(self, client, story, **fields):
        post_comment(client, story, **fields)
        return Comment.objects.latest("pk")

    def test_manual_approval_holds_with_reason(self, client, story):
        comment = self.status_of(client, story)
        assert comment.status == "pending" and comment.reasons == [
            "every comment is approved by hand"
        ]

    def test_links_hold_a_comment(self, client, story, rules):
        rules.manual_approval = False
        rules.save()
        fine = self.status_of(client, story, body="See https://dogs.com")
        held = self.status_of(client, story, body="See https://a.com and http://b.com")
        assert fine.status == "approved"
        assert held.status == "pending" and "2 links" in held.reasons[0]

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
        assert blocked_ip.status == "spam" and "10.9.9.9" in blocked_ip.reasons[0]
        assert self.status_of(client, story, body="A kind word").status == "approved"

    def test_honeypot_goes_to_spam_but_looks_pending_to_the_robot(self, client, story):
        response = post_comment(client, story, honeypot="http://spam.example")
        comment = Comment.objects.get()
        assert comment.status == "spam" and "hidden field" in comment.reasons[0]
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
        assert comment.status == "approved" and comment.is_staff_reply
        html = client.get(story.get_absolute_url()).content.decode()
        assert "Staff here" in html and ">Staff<" in html

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


class TestThreads:
    def test_reply_threads_under_its_parent(self, client, story, rules):
        rules.manual_approval = False
        rules.save()
        parent = make_comment(story, body="Parent")
        page = client.get(story.get_absolute_url(), {"replytocom": parent.pk})
        assert b"Leave a Reply to Sam Walker" in page.content
        assert parse_html(page.content).find(".//input[@name='parent']").get("value") == str(
            parent.pk
        )
        response = post_comment(client, story, body="Child", parent=parent.pk)
        child = Comment.objects.get(body="Child")
        assert child.parent == parent and child.root == parent and child.depth == 2
        assert response["Location"].endswith(f"#comment-{child.pk}")
        tree = parse_html(client.get(story.get_absolute_url()).content)
        parent_li = tree.find(f".//li[@id='comment-{parent.pk}']")
        assert parent_li.find(f".//li[@id='comment-{child.pk}']") is not None

    def test_depth_limit(self, client, story, rules):
        rules.thread_depth = 2
        rules.save()
        top = make_comment(story)
        reply = make_comment(story, parent=top)
        html = client.get(story.get_absolute_url()).content.decode()
        assert f"replytocom={top.pk}" in html and f"replytocom={reply.pk}" not in html
        response = post_comment(client, story, parent=reply.pk)
        assert response.status_code == 400 and b"as deep as it goes" in response.content

    def test_cannot_reply_to_unapproved_or_other_story(self, client, story):
        pending = make_comment(story, status="pending")
        elsewhere = make_comment(make_article())
        for parent in [pending, elsewhere]:
            assert post_comment(client, story, parent=parent.pk).status_code == 400

    def test_threads_oldest_first_and_paginated(self, client, story, rules):
        rules.comments_per_page = 2
        rules.save()
        now = timezone.now()
        roots = []
        for i in range(5):
            comment = make_comment(story, body=f"root {i}")
            Comment.objects.filter(pk=comment.pk).update(created_at=now - timedelta(hours=10 - i))
            roots.append(comment)
        first = client.get(story.get_absolute_url()).content.decode()
        assert first.index("root 0") < first.index("root 1") and "root 2" not in first
        third = client.get(story.get_absolute_url(), {"cpage": 3}).content.decode()
        assert "root 4" in third and "root 0" not in third
        for bad in ["4", "0", "x", "-1"]:
            assert client.get(story.get_absolute_url(), {"cpage": bad}).status_code == 404
        permalink = client.get(reverse("comments:permalink", args=[roots[4].pk]))
        assert permalink["Location"].endswith(f"?cpage=3#comment-{roots[4].pk}")

    def test_permalink_of_unapproved_is_404(self, client, story):
        pending = make_comment(story, status="pending")
        assert client.get(reverse("comments:permalink", args=[pending.pk])).status_code == 404


class TestCountsFeedsAndMail:
    def test_comment_count_in_header_and_on_cards(self, client, story):
        make_comment(story)
        make_comment(story)
        make_comment(story, status="pending")
        make_comment(story, status="spam")
        html = client.get(story.get_absolute_url()).content.decode()
        assert '<a href="#comments">2 comments</a>' in html
        assert ">2 comments</h2>" in html
        home = client.get(reverse("articles:home")).content.decode()
        assert "2 comments" in home

    def test_story_comment_feeds_hold_approved_comments_only(self, client, story):
        make_comment(story, body="Approved one", email="visible-no@example.com")
        make_comment(story, body="Pending one", status="pending")
        for name in ["comments:feed", "comments:atom_feed"]:
            content = client.get(reverse(name, args=[story.slug])).content
            assert b"Approved one" in content and b"Pending one" not in content
            assert b"visible-no@example.com" not in content
        draft = make_article(status="draft")
        assert client.get(reverse("comments:feed", args=[draft.slug])).status_code == 404

    def test_moderators_are_emailed_about_pending_comments(
        self, client, story, django_capture_on_commit_callbacks
    ):
        get_user_model().objects.create_superuser("boss", "boss@example.com", "pw")
        with django_capture_on_commit_callbacks(execute=True):
            post_comment(client, story, body="Please look at me")
        [message] = mail.outbox
        assert message.to == ["boss@example.com"]
        assert "A story" in message.subject
        comment = Comment.objects.get()
        assert f"/admin/comments/comment/{comment.pk}/change/" in message.body
        assert "http://testserver/admin/" in message.body

    def test_no_email_for_spam(self, client, story, django_capture_on_commit_callbacks):
        get_user_model().objects.create_superuser("boss", "boss@example.com", "pw")
        with django_capture_on_commit_callbacks(execute=True):
            post_comment(client, story, honeypot="bot")
        assert mail.outbox == []


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
