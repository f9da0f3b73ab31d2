"""The discussion settings in the admin: a single row that moderators change."""

import pytest
from django.urls import reverse

from comments.models import DiscussionSettings

pytestmark = pytest.mark.django_db


def test_discussion_settings_are_a_singleton(moderator_client, admin_client):
    DiscussionSettings.objects.all().delete()
    changelist = reverse("admin:comments_discussionsettings_changelist")
    change = reverse("admin:comments_discussionsettings_change", args=[1])

    response = moderator_client.get(changelist)

    assert response.status_code == 302
    assert response["Location"] == change
    assert DiscussionSettings.objects.count() == 1
    add = reverse("admin:comments_discussionsettings_add")
    assert admin_client.get(add).status_code == 403
    delete = reverse("admin:comments_discussionsettings_delete", args=[1])
    assert admin_client.get(delete).status_code == 403
    assert b"deletelink" not in admin_client.get(change).content


def test_moderator_changes_the_discussion_settings(moderator_client):
    change = reverse(
        "admin:comments_discussionsettings_change", args=[DiscussionSettings.load().pk]
    )
    page = moderator_client.get(change).content.decode()
    for heading in ["Approval", "Holding and blocking", "Closing and display", "Notifications"]:
        assert f">{heading}<" in page

    response = moderator_client.post(
        change,
        {
            "hold_link_count": "3",
            "moderation_words": "squirrel",
            "blocklist": "",
            "close_after_days": "",
            "comments_per_page": "20",
            "thread_depth": "2",
        },
    )

    assert response.status_code == 302
    rules = DiscussionSettings.load()
    assert (rules.manual_approval, rules.hold_link_count, rules.thread_depth) == (False, 3, 2)
    assert rules.moderation_list == ["squirrel"]
