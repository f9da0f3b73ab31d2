"""A reply to a comment that is not shown (still pending) never quietly becomes a
top-level comment: the reply link says the form will post a new comment, and a reply
posted to it is refused with the text kept, to be sent again as a new comment."""

import pytest

from comments.decisions import decide
from comments.models import Comment

from ..factories import make_comment
from ..helpers import post_comment

pytestmark = pytest.mark.django_db
TYPED = "I think your terrier is right about the postman."


def test_a_reply_link_to_a_comment_sent_back_to_pending_says_so(client, story, rules):
    """The link from a page loaded (or a notice sent) while the comment was approved."""
    comment = make_comment(story, status=Comment.Status.APPROVED, name="Pat")
    link = f"{story.get_absolute_url()}?replytocom={comment.pk}"
    assert "Leave a Reply to Pat" in client.get(link).text
    decide(Comment.objects.filter(pk=comment.pk), Comment.Status.PENDING, None)
    page = client.get(link).text
    assert "Leave a Reply to Pat" not in page
    assert "will be a new comment, not a reply" in page


def test_a_reply_to_a_pending_comment_is_refused_with_the_text_kept(client, story, rules):
    pending = make_comment(story, status=Comment.Status.PENDING)
    response = post_comment(client, story, parent=str(pending.pk), body=TYPED)
    assert response.status_code == 400
    html = response.content.decode()
    assert "your reply was not posted" in html
    assert TYPED in html
    assert list(Comment.objects.values_list("pk", flat=True)) == [pending.pk]
    # Sent again as the message says, it is a new comment, knowingly.
    assert 'name="parent" id="id_parent"' in html
    again = post_comment(client, story, body=TYPED)
    assert again.status_code == 303
    assert Comment.objects.get(body=TYPED).parent is None
