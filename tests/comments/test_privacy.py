"""A commenter's personal data: exported, erased and forgotten, from the shell and the admin."""

import json
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from comments import privacy
from comments.models import Comment

from ..factories import make_article, make_comment
from ..helpers import parse_html

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:comments_comment_changelist"


def backdate(comment, days):
    Comment.objects.filter(pk=comment.pk).update(created_at=timezone.now() - timedelta(days=days))


@pytest.fixture
def story():
    return make_article(title="Puppy school graduation")


@pytest.fixture
def moderator_client(client, django_user_model):
    user = django_user_model.objects.create_user("mod", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(user)
    return client


@pytest.fixture
def alex(story):
    """Alex's comments, under two spellings of one address, on two stories."""
    other_story = make_article(title="Dog show results")
    return [
        make_comment(
            story,
            name="Alex",
            email="alex@example.org",
            website="https://alex.example/",
            body="First!",
            ip_address="192.0.2.10",
            user_agent="Firefox",
        ),
        make_comment(
            other_story,
            name="Alex P.",
            email="Alex@Example.ORG",
            body="Lovely pups.",
            status=Comment.Status.PENDING,
        ),
    ]


def test_export_has_every_comment_by_the_address_and_nobody_elses(story, alex):
    make_comment(story, name="Sam", email="sam@example.org", body="Sam's words")

    data = privacy.export_personal_data("ALEX@example.org")

    assert [c["id"] for c in data["comments"]] == [alex[0].pk, alex[1].pk]
    first = data["comments"][0]
    assert first == {
        "id": alex[0].pk,
        "story": {"title": "Puppy school graduation", "url": story.get_absolute_url()},
        "name": "Alex",
        "email": "alex@example.org",
        "website": "https://alex.example/",
        "body": "First!",
        "status": "approved",
        "created_at": alex[0].created_at.isoformat(),
        "ip_address": "192.0.2.10",
        "user_agent": "Firefox",
    }
    assert "Sam" not in json.dumps(data)


def test_export_and_erase_refuse_a_blank_address(story):
    make_comment(story, email="")
    with pytest.raises(ValueError, match="email address is needed"):
        privacy.export_personal_data("  ")
    with pytest.raises(ValueError, match="email address is needed"):
        privacy.erase_personal_data("")
    assert Comment.objects.count() == 1


def test_erase_deletes_lone_comments_and_tombstones_answered_ones(story):
    """x's comments: A answered by y; C alone; D answered only by x's own E;
    F answered by x's own G, which y answered (H)."""
    x = {"email": "x@example.org", "name": "Ex", "ip_address": "192.0.2.1"}
    a = make_comment(story, body="A", author_key_hash="f" * 64, reasons=["x@example.org"], **x)
    b = make_comment(story, parent=a, name="Why", email="y@example.org", body="B")
    c = make_comment(story, body="C", **x)
    d = make_comment(story, body="D", **x)
    e = make_comment(story, parent=d, body="E", **x)
    f = make_comment(story, body="F", **x)
    g = make_comment(story, parent=f, body="G", email="X@EXAMPLE.ORG", name="Ex")
    h = make_comment(story, parent=g, name="Why", email="y@example.org", body="H")

    erased = privacy.erase_personal_data("x@example.org")

    assert erased == 6
    assert not Comment.objects.filter(pk__in=[c.pk, d.pk, e.pk]).exists()
    assert not Comment.objects.filter(email__iexact="x@example.org").exists()
    for tombstone in Comment.objects.filter(pk__in=[a.pk, f.pk, g.pk]):
        assert tombstone.name == "Deleted"
        assert (tombstone.email, tombstone.website, tombstone.user_agent) == ("", "", "")
        assert tombstone.ip_address is None
        assert tombstone.author_key_hash == ""
        assert tombstone.reasons == []
        assert tombstone.body == "This comment was removed at its author's request."
        assert (
            tombstone.body_html == "<p>This comment was removed at its author&#x27;s request.</p>"
        )
    for reply in [b, h]:
        kept = Comment.objects.get(pk=reply.pk)
        assert (kept.name, kept.email, kept.body) == ("Why", "y@example.org", reply.body)
    assert Comment.objects.get(pk=h.pk).parent_id == g.pk


def test_clear_old_ip_addresses_keeps_recent_ones(story, settings):
    settings.COMMENT_IP_RETENTION_DAYS = 10
    old = make_comment(story, ip_address="192.0.2.1", user_agent="Old browser")
    recent = make_comment(story, ip_address="192.0.2.2", user_agent="New browser")
    already_cleared = make_comment(story)
    backdate(old, 11)
    backdate(recent, 9)
    backdate(already_cleared, 30)

    assert privacy.clear_old_ip_addresses() == 1

    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.ip_address, old.user_agent) == (None, "")
    assert (recent.ip_address, recent.user_agent) == ("192.0.2.2", "New browser")
    assert privacy.clear_old_ip_addresses(days=5) == 1


def test_export_command_writes_json_to_stdout_or_a_file(story, alex, capsys, tmp_path):
    make_comment(story, email="sam@example.org")

    call_command("comments_export", "alex@example.org")
    printed = json.loads(capsys.readouterr().out)
    assert [c["id"] for c in printed["comments"]] == [alex[0].pk, alex[1].pk]

    out = tmp_path / "alex.json"
    call_command("comments_export", "alex@example.org", "--output", str(out))
    saved = json.loads(out.read_text(encoding="utf-8"))
    assert saved["comments"] == printed["comments"]


def test_erase_command_needs_yes(story, alex, capsys):
    with pytest.raises(CommandError, match="2 comments by alex@example.org would be erased"):
        call_command("comments_erase", "alex@example.org")
    assert Comment.objects.count() == 2

    call_command("comments_erase", "alex@example.org", "--yes")

    assert "Erased 2 comments" in capsys.readouterr().out
    assert Comment.objects.count() == 0


def test_clear_ips_command(story, capsys):
    old = make_comment(story, ip_address="192.0.2.1")
    backdate(old, 8)
    make_comment(story, ip_address="192.0.2.2")

    call_command("comments_clear_ips", "--days", "7")

    assert "Cleared the IP address of 1 comment older than 7 days." in capsys.readouterr().out
    assert list(Comment.objects.exclude(ip_address=None).values_list("ip_address", flat=True)) == [
        "192.0.2.2"
    ]
    with pytest.raises(CommandError):
        call_command("comments_clear_ips", "--days", "-1")


def test_admin_export_covers_each_selected_commenter(moderator_client, story, alex):
    sam = make_comment(story, name="Sam", email="sam@example.org", body="Sam's words")
    make_comment(story, name="Kim", email="kim@example.org", body="Kim's words")

    response = moderator_client.post(
        reverse(CHANGELIST),
        {"action": "export_personal_data", "_selected_action": [alex[0].pk, sam.pk]},
    )

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    by_email = {
        c["email"]: [comment["id"] for comment in c["comments"]] for c in data["commenters"]
    }
    assert by_email == {
        "alex@example.org": [alex[0].pk, alex[1].pk],
        "sam@example.org": [sam.pk],
    }
    assert "Kim" not in response.content.decode()


def test_admin_erase_asks_first_then_erases(moderator_client, story, alex):
    reply = make_comment(story, parent=alex[0], name="Sam", email="sam@example.org", body="Hi")
    selected = {"action": "erase_personal_data", "_selected_action": [alex[0].pk]}

    confirm = moderator_client.post(reverse(CHANGELIST), selected)

    assert confirm.status_code == 200
    assert "admin/comments/comment/erase_confirmation.html" in [t.name for t in confirm.templates]
    assert "alex@example.org: 2 comments" in confirm.content.decode()
    hidden = {i.get("name"): i.get("value") for i in parse_html(confirm.content).iter("input")}
    assert hidden["action"] == "erase_personal_data"
    assert hidden["_selected_action"] == str(alex[0].pk)
    assert Comment.objects.filter(email__iexact="alex@example.org").count() == 2

    done = moderator_client.post(reverse(CHANGELIST), {**selected, "post": "yes"}, follow=True)

    assert "Erased 2 comments by 1 commenter." in [str(m) for m in done.context["messages"]]
    assert not Comment.objects.filter(email__iexact="alex@example.org").exists()
    assert Comment.objects.get(pk=alex[0].pk).name == "Deleted"
    assert not Comment.objects.filter(pk=alex[1].pk).exists()
    assert Comment.objects.get(pk=reply.pk).parent_id == alex[0].pk
