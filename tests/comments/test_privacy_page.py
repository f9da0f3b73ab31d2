"""The Privacy page says what the code does, is linked from every page and the
comment form; the export and erase cover subscriptions and the mail sent."""

import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from comments import privacy
from comments.decisions import approve
from comments.mail.models import Subscriber, Subscription
from comments.models import Comment
from doggydiary.outbox.delivery import deliver_due
from doggydiary.outbox.models import OutboxMessage

from ..factories import make_comment

pytestmark = pytest.mark.django_db


def test_the_page_tells_what_the_settings_say(client, settings):
    settings.COMMENT_IP_RETENTION_DAYS = 17
    settings.COMMENT_COOKIE_DAYS = 90
    settings.MAIL_KEEP_DAYS = 90
    response = client.get(reverse("comments:privacy"))
    assert response.status_code == 200
    assert not response.cookies
    text = response.text
    assert "cleared after 17 days" in text
    assert "dd_commenter</code> for 90 days" in text
    assert "confirmation link (valid 7 days)" in text
    assert "deleted 14 days after the link was sent" in text
    assert "for 90 days" in text
    assert "15 minutes" in text
    assert "erase" in text


def test_linked_from_every_page_footer_and_the_comment_form(client, story):
    pages = [reverse("articles:home"), story.get_absolute_url(), reverse("comments:newsletter")]
    for path in pages:
        body = client.get(path).text
        footer = body[body.index('<footer class="site-footer">') :]
        assert f'href="{reverse("comments:privacy")}"' in footer, path
        assert f'href="{reverse("comments:newsletter")}"' in footer, path
    form = client.get(story.get_absolute_url()).text
    form = form[form.index('id="respond"') :]
    assert f'href="{reverse("comments:privacy")}"' in form


def test_export_and_erase_cover_subscriptions_and_mail(
    story, confirmed, smtp_server, django_capture_on_commit_callbacks, tmp_path
):
    mine = make_comment(story, email="Jo@Example.com", status=Comment.Status.PENDING)
    confirmed("jo@example.com", Subscription.Kind.COMMENT, comment=mine)
    confirmed("jo@example.com", Subscription.Kind.STORY, article=story)
    confirmed("other@example.com", Subscription.Kind.DIGEST)
    with django_capture_on_commit_callbacks(execute=True):
        approve(Comment.objects.filter(pk=mine.pk), None)
    deliver_due()

    out = tmp_path / "export.json"
    call_command("comments_export", "JO@example.com", "--output", str(out))
    data = json.loads(out.read_text())
    assert data["subscriber"]["email"] == "jo@example.com"
    assert {s["kind"] for s in data["subscriptions"]} == {"comment", "story"}
    subjects = [m["subject"] for m in data["mail"]]
    assert any("confirm" in s for s in subjects)
    assert any("is live" in s for s in subjects)
    assert all(m["status"] == "sent" for m in data["mail"])
    assert "other@example.com" not in out.read_text()

    privacy.erase_personal_data("jo@example.com")
    assert not Subscriber.objects.filter(email="jo@example.com").exists()
    assert not OutboxMessage.objects.filter(recipient__iexact="jo@example.com").exists()
    assert OutboxMessage.objects.filter(recipient="other@example.com").exists()
    empty = privacy.export_personal_data("jo@example.com")
    assert (empty["subscriber"], empty["subscriptions"], empty["mail"]) == (None, [], [])


def test_new_public_pages_show_no_commenter_or_subscriber_address(client, story, confirmed):
    make_comment(story, email="secret-commenter@example.com")
    confirmed("secret-fan@example.com", Subscription.Kind.STORY, article=story)
    for path in [
        reverse("comments:privacy"),
        reverse("comments:newsletter"),
        story.get_absolute_url(),
        reverse("comments:site_feed"),
        reverse("comments:site_atom_feed"),
    ]:
        body = client.get(path).content.decode()
        assert "secret-" not in body, path


def test_the_new_pages_are_valid_html(client, story, confirmed):
    from comments.mail import links

    from ..helpers import parse_html, post_comment

    digest = confirmed("fan@example.com", Subscription.Kind.DIGEST)
    subscriber = digest.subscriber
    response = post_comment(client, story)
    pending = response["Location"].split("pending=")[1].split("#")[0]
    comment = Comment.objects.latest("pk")

    def local(address):
        return address.replace("http://127.0.0.1:8000", "")

    for path in [
        reverse("comments:privacy"),
        reverse("comments:newsletter"),
        f"{reverse('comments:edit', args=[comment.pk])}?pending={pending}",
        local(links.link(subscriber, links.UNSUBSCRIBE, {"s": digest.pk})),
        local(links.link(subscriber, links.MANAGE)),
        local(links.link(subscriber, links.CONFIRM)),
        reverse("comments:mail_confirm", args=["1.forged"]),
    ]:
        parse_html(client.get(path).content)  # strict: raises on any error
