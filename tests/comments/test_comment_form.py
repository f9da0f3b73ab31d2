"""The comment form under a story: reading it, posting it, and errors that keep what was typed."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from comments.models import Comment
from comments.tokens import COOKIE_NAME

from ..factories import make_article, make_comment
from ..helpers import parse_html, post_comment, shown_ago

pytestmark = pytest.mark.django_db


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
        assert remember.get("type") == "checkbox"
        assert remember.get("checked") is None
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
        assert trap.get("tabindex") == "-1"
        assert trap.get("autocomplete") == "off"
        wrapper = [p for p in tree.iter("p") if trap in list(p)][0]
        assert wrapper.get("aria-hidden") == "true"
        assert "hp" in wrapper.get("class")

    def test_closed_story_shows_no_form(self, client):
        closed = make_article(comments_open=False)
        html = client.get(closed.get_absolute_url()).content.decode()
        assert "Comments are closed" in html
        assert "Post Comment" not in html


class TestPosting:
    def test_submitter_and_only_the_submitter_sees_the_pending_comment(self, client, story):
        response = post_comment(client, story, body="Pending words here")
        assert response.status_code == 303
        assert "pending=" in response["Location"]
        assert response["Location"].endswith(f"#comment-{Comment.objects.get().pk}")
        assert not response.cookies  # remember was not ticked
        own = client.get(response["Location"])
        assert b"Pending words here" in own.content
        assert b"awaiting moderation" in own.content
        assert "private" in own["Cache-Control"]
        assert "no-store" in own["Cache-Control"]
        assert b'<meta name="robots" content="noindex">' in own.content
        other = client.get(story.get_absolute_url())
        assert b"Pending words here" not in other.content

    def test_a_forged_or_foreign_pending_token_shows_nothing(self, client, story):
        other = make_article()
        post_comment(client, other, body="Secret pending")
        mine = Comment.objects.get()
        from comments.tokens import pending_token

        for token in [pending_token(mine), "bm9wZQ:forged:sig", "%00"]:
            page = client.get(story.get_absolute_url(), {"pending": token})
            assert page.status_code == 200
            assert b"Secret pending" not in page.content

    def test_approved_comment_appears_for_everyone(self, client, story, rules):
        rules.manual_approval = False
        rules.save()
        response = post_comment(client, story, body="Straight through")
        assert "pending" not in response["Location"]
        assert b"Straight through" in client.get(story.get_absolute_url()).content

    def test_remember_me_sets_a_cookie_only_when_ticked_and_prefills(self, client, story):
        response = post_comment(client, story, remember="on", website="https://jo.example")
        cookie = response.cookies[COOKIE_NAME]
        assert cookie["httponly"]
        assert cookie["samesite"] == "Lax"
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
        ("shown", "message"),
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
        assert fresh
        assert fresh != token  # the re-shown form starts a new clock
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
        assert b"another website" in response.content
        assert b"Forged?" in response.content
        assert Comment.objects.count() == 0

    def test_same_origin_fetch_metadata_is_accepted(self, client, story):
        response = post_comment(client, story, headers={"sec-fetch-site": "same-origin"})
        assert response.status_code == 303

    def test_closed_comments_refuse_with_text_kept(self, client, rules):
        old = make_article(publish_at=timezone.now() - timedelta(days=40))
        rules.close_after_days = 30
        rules.save()
        response = post_comment(client, old, body="Too late?")
        assert response.status_code == 403
        assert b"Too late?" in response.content
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
        assert third.status_code == 429
        assert b"three is kept" in third.content
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
        assert response.status_code == 400
        assert b"up to 100 characters" in response.content

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
        assert "<script>alert" not in html
        assert "<img src=x" not in html
        assert '<a href="javascript' not in html
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
        assert "ünïcødé 🐶" in html
        assert '<a href="https://dogs.com/ok" rel="nofollow ugc noopener">' in html
        assert "&lt;b&gt;Bold&lt;/b&gt;" in html

    def test_paragraphs_and_line_breaks_are_kept(self, story):
        comment = make_comment(story, body="Line one\nline two\n\nSecond paragraph")
        assert comment.body_html == "<p>Line one<br>\nline two</p><p>Second paragraph</p>"


class TestErrorsSayItOnce:
    """Issue 23: each message once, "Error:" in the title, focus on the first error."""

    @pytest.mark.parametrize("website", ["not a web address", "ftp://files.example"])
    def test_the_website_error_is_printed_once(self, client, story, website):
        response = post_comment(client, story, website=website)
        assert response.status_code == 400
        html = response.content.decode()
        assert html.count("That does not look like a web address") == 1
        tree = parse_html(response.content)
        assert tree.find(".//input[@name='website']").get("autofocus") is not None

    def test_title_summary_links_and_autofocus(self, client, story):
        response = post_comment(client, story, name="", email="not-an-email", website="x y")
        tree = parse_html(response.content)
        assert tree.find(".//title").text.startswith("Error: ")
        alert = tree.find(".//*[@id='comment-form-alert']")
        links = [(a.get("href"), a.text) for a in alert.iter("a")]
        assert links == [("#id_name", "name"), ("#id_email", "email"), ("#id_website", "website")]
        focused = [el.get("name") for el in tree.iter() if el.get("autofocus") is not None]
        assert focused == ["name"]
        for message in [b"Please give a name", b"does not look like an email address"]:
            assert response.content.count(message) == 1

    def test_a_general_refusal_says_error_too(self, client, story):
        response = post_comment(client, story, shown=None)
        assert parse_html(response.content).find(".//title").text.startswith("Error: ")

    def test_no_error_no_prefix(self, client, story):
        tree = parse_html(client.get(story.get_absolute_url()).content)
        assert not tree.find(".//title").text.startswith("Error")
        assert not [el for el in tree.iter() if el.get("autofocus") is not None]
