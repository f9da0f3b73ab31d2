"""Each comment's card (avatar, name, Staff badge, permalink date, body) is made once,
when the comment is saved, and the thread prints it as stored."""

from io import StringIO

import pytest
from django.core.management import call_command

from comments.models import Comment

from ..factories import make_comment

pytestmark = pytest.mark.django_db


def test_new_comment_has_its_card(story):
    comment = make_comment(
        story, name="Ann O'Neil", website="https://ann.example/?a=1&b=2", body="Hi <b>there</b>"
    )
    card = Comment.objects.get(pk=comment.pk).card_html
    assert card == comment.card_html
    assert '<span class="avatar avatar--' in card
    assert ">AO</span>" in card
    assert '<a href="https://ann.example/?a=1&amp;b=2" rel="nofollow ugc noopener">' in card
    assert "Ann O&#x27;Neil</a>" in card
    assert f'href="#comment-{comment.pk}"' in card
    assert f'datetime="{comment.created_at.isoformat()}"' in card
    assert "<p>Hi &lt;b&gt;there&lt;/b&gt;</p>" in card
    assert "badge" not in card


def test_staff_badge_and_plain_name(story):
    card = make_comment(story, name="<script>", is_staff_reply=True).card_html
    assert '<span class="comment__author">&lt;script&gt;</span>' in card
    assert '<span class="badge">Staff</span>' in card


@pytest.mark.parametrize("update_fields", [None, ["name", "website"]])
def test_editing_a_comment_remakes_its_card(story, update_fields):
    comment = make_comment(story, name="Old Name")
    comment.name, comment.website = "New Name", "https://new.example/"
    comment.save(update_fields=update_fields)
    card = Comment.objects.get(pk=comment.pk).card_html
    assert "Old Name" not in card
    assert ">New Name</a>" in card


def test_bulk_created_comments_get_cards(story):
    made = Comment.objects.bulk_create(
        Comment(article=story, name=f"R {n}", email="r@example.com", body="x", body_html="<p>x</p>")
        for n in range(3)
    )
    for comment in Comment.objects.filter(pk__in=[c.pk for c in made]):
        assert f'href="#comment-{comment.pk}"' in comment.card_html


def test_remake_html_fills_existing_rows(story):
    """What migration 0003 did for the comments stored before cards, now a command."""
    comments = [make_comment(story, name=f"Reader {n}") for n in range(3)]
    Comment.objects.update(card_html="")
    call_command("remake_html", stdout=StringIO())
    for comment in comments:
        assert Comment.objects.get(pk=comment.pk).card_html == comment.card_html


def test_story_page_prints_the_stored_card(client, story):
    comment = make_comment(story, name="Pat Kim", is_staff_reply=True)
    page = client.get(story.get_absolute_url()).content.decode()
    assert comment.card_html in page
    assert f'<li id="comment-{comment.pk}" class="comment comment--staff">' in page
