"""The admin comment queue's addresses, and a logged-in moderator, shared by its tests."""

# Test modules import the *_fixture functions below (with noqa: F401); pytest finds them
# under the name= given, so a test's argument never shadows the imported function.

import pytest
from django.contrib.auth.models import Group

from .factories import make_article

CHANGELIST = "admin:comments_comment_changelist"
MODERATE = "admin:comments_comment_moderate"


@pytest.fixture(name="moderator")
def moderator_fixture(django_user_model):
    user = django_user_model.objects.create_user("mod", "mod@example.org", "pw", is_staff=True)
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


@pytest.fixture(name="moderator_client")
def moderator_client_fixture(client, moderator):
    client.force_login(moderator)
    return client


@pytest.fixture(name="story")
def story_fixture():
    return make_article(title="The dog who learned to surf")
