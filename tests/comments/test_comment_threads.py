"""Reply threads, comment pages and permalinks, comment counts, comment feeds and moderator mail."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from comments.models import Comment

from ..factories import make_article, make_comment
from ..helpers import parse_html, post_comment

pytestmark = pytest.mark.django_db


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
        assert child.parent == parent
        assert child.root == parent
        assert child.depth == 2
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
        assert f"replytocom={top.pk}" in html
        assert f"replytocom={reply.pk}" not in html
        response = post_comment(client, story, parent=reply.pk)
        assert response.status_code == 400
        assert b"as deep as it goes" in response.content

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
        assert first.index("root 0") < first.index("root 1")
        assert "root 2" not in first
        third = client.get(story.get_absolute_url(), {"cpage": 3}).content.decode()
        assert "root 4" in third
        assert "root 0" not in third
        for bad in ["4", "0", "x", "-1"]:
            assert client.get(story.get_absolute_url(), {"cpage": bad}).status_code == 404
        permalink = client.get(reverse("comments:permalink", args=[roots[4].pk]))
        assert permalink["Location"].endswith(f"?cpage=3#comment-{roots[4].pk}")

    def test_a_later_page_reads_the_stored_count_of_threads(self, client, story, rules):
        """Counting a discussion of thousands on every render grew with its size
        (issue 18): the count stored with the comments numbers the pages."""
        rules.comments_per_page = 2
        rules.save()
        for i in range(5):
            make_comment(story, body=f"root {i}")
        with CaptureQueriesContext(connection) as queries:
            last = client.get(story.get_absolute_url(), {"cpage": 3})
        assert last.status_code == 200
        assert "root 4" in last.content.decode()
        assert not [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"].upper()]
        assert client.get(story.get_absolute_url(), {"cpage": 4}).status_code == 404

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
            assert b"Approved one" in content
            assert b"Pending one" not in content
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
        # The keyboard moderation screen, with this comment in view (issue 22).
        assert (
            f"/admin/comments/comment/moderation/?status=pending&story={story.pk}" in message.body
        )
        assert f"#mod-{comment.pk}" in message.body
        assert "http://testserver/admin/" in message.body

    def test_no_email_for_spam(self, client, story, django_capture_on_commit_callbacks):
        get_user_model().objects.create_superuser("boss", "boss@example.com", "pw")
        with django_capture_on_commit_callbacks(execute=True):
            post_comment(client, story, honeypot="bot")
        assert mail.outbox == []
