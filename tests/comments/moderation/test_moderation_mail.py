"""The mail telling moderators a comment waits links to the keyboard moderation
screen (the story's waiting comments, this one in view), not the old list."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from comments.moderation import notify_moderators
from doggydiary.roles import MODERATORS

from ...factories import make_comment, make_user

pytestmark = pytest.mark.django_db


def test_the_moderators_mail_links_to_the_keyboard_screen():
    moderator = make_user("mo", MODERATORS)
    comment = make_comment(name="Pat", status="pending")
    notify_moderators(comment, "http://testserver")
    [message] = mail.outbox
    screen = "http://testserver" + reverse("admin:comments_comment_moderation")
    assert f"{screen}?status=pending&story={comment.article_id}#mod-{comment.pk}" in message.body
    assert f"Everything awaiting moderation: {screen}?status=pending" in message.body
    assert "/admin/comments/comment/?" not in message.body
    # The link opens the screen with the comment on it.
    browser = Client()
    browser.force_login(moderator)
    path = (
        f"{reverse('admin:comments_comment_moderation')}?status=pending&story={comment.article_id}"
    )
    page = browser.get(path)
    assert page.status_code == 200
    assert f'id="mod-{comment.pk}"' in page.content.decode()
