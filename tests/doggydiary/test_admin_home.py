"""The admin home for each role: the boxes a person needs, and only those."""

from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from doggydiary.roles import CONTRIBUTORS, EDITORS, MODERATORS

from ..factories import make_article, make_comment, make_user

pytestmark = pytest.mark.django_db

HOME = reverse("admin:index")
BOXES = ["home-my-drafts", "home-in-review", "home-scheduled", "home-published", "home-comments"]


@pytest.fixture
def people():
    return {
        "contributor": make_user("connie", CONTRIBUTORS),
        "editor": make_user("eddie", EDITORS),
        "moderator": make_user("mo", MODERATORS),
        "superuser": get_user_model().objects.create_superuser("boss", "b@example.com", "pw-x"),
    }


@pytest.fixture
def newsroom(people):
    writer = people["contributor"]
    make_article(title="Connie's draft", status="draft", created_by=writer)
    make_article(title="Connie's submission", status="review", created_by=writer)
    make_article(title="Someone else's draft", status="draft", created_by=people["editor"])
    make_article(title="The summer fair", publish_at=datetime(2031, 7, 1, 11, 30, tzinfo=UTC))
    make_article(title="Out this morning", publish_at=timezone.now() - timedelta(hours=1))
    make_comment(status="pending")
    make_comment(status="pending")
    return people


def boxes_on(html):
    return [box for box in BOXES if f'id="{box}"' in html]


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("contributor", ["home-my-drafts"]),
        ("editor", ["home-my-drafts", "home-in-review", "home-scheduled", "home-published"]),
        ("moderator", ["home-comments"]),
        ("superuser", BOXES),
    ],
)
def test_each_role_sees_its_boxes(client, newsroom, role, expected):
    client.force_login(newsroom[role])
    response = client.get(HOME)
    assert response.status_code == 200
    assert boxes_on(response.content.decode()) == expected


def box(html, name):
    start = html.index(f'id="{name}"')
    return html[start : html.index("</section>", start)]


def test_a_contributor_sees_only_their_own_work(client, newsroom):
    client.force_login(newsroom["contributor"])
    mine = box(client.get(HOME).content.decode(), "home-my-drafts")
    assert "Connie&#x27;s draft" in mine
    assert "Connie&#x27;s submission" in mine
    assert "In review" in mine  # the submission's status
    assert "Someone else" not in mine
    assert "The summer fair" not in mine


def test_an_editor_sees_the_queue_and_the_plan_in_the_site_time_zone(client, newsroom):
    client.force_login(newsroom["editor"])
    html = client.get(HOME).content.decode()
    in_review = box(html, "home-in-review")
    assert "Connie&#x27;s submission" in in_review
    assert "by connie" in in_review
    assert "Connie&#x27;s draft" not in in_review
    scheduled = box(html, "home-scheduled")
    # 11:30 UTC on 1 July is 12:30 in London (summer time).
    assert "The summer fair" in scheduled
    assert "Tue 1 Jul, 12:30 BST" in scheduled
    published = box(html, "home-published")
    assert "Out this morning" in published
    assert "The summer fair" not in published
    assert "Someone else&#x27;s draft" in box(html, "home-my-drafts")


def test_a_moderator_is_pointed_to_the_keyboard_screen(client, newsroom):
    client.force_login(newsroom["moderator"])
    comments = box(client.get(HOME).content.decode(), "home-comments")
    assert "<strong>2</strong> awaiting moderation" in comments
    assert reverse("admin:comments_comment_moderation") in comments


def test_the_app_list_is_still_there(client, newsroom):
    client.force_login(newsroom["editor"])
    html = client.get(HOME).content.decode()
    assert reverse("admin:articles_article_changelist") in html


@pytest.mark.parametrize(("role", "queries"), [("editor", 10), ("superuser", 12)])
def test_query_count_does_not_grow_with_the_stories(
    client, newsroom, django_assert_num_queries, role, queries
):
    """Each box is one query (the in-review box reads its writers in the same query,
    not one per story), however many stories there are. Around them: the session,
    the user, the recent actions, an editor's permissions (2), and for a superuser,
    who sees comments, the discussion settings (2) and the header's pending count.
    (Nobody has read a story: the week's most read is its ranking alone.)"""
    client.force_login(newsroom[role])
    client.get(HOME)
    for n in range(12):
        writer = make_user(f"writer{n}", CONTRIBUTORS)
        make_article(status="review", created_by=writer)
        make_article(publish_at=timezone.now() + timedelta(days=n + 1))
    with django_assert_num_queries(queries):
        response = client.get(HOME)
    assert "See all" in box(response.content.decode(), "home-in-review")


def test_strangers_go_to_the_login(client, newsroom):
    response = client.get(HOME)
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]
