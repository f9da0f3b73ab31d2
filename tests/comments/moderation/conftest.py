"""A logged-in moderator for the admin comment queue, and the story the comments are on."""

import pytest
from django.contrib.auth.models import Group

from ...factories import make_article


@pytest.fixture
def moderator(django_user_model):
    user = django_user_model.objects.create_user("mod", "mod@example.org", "pw", is_staff=True)
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client


@pytest.fixture
def story():
    return make_article(title="The dog who learned to surf")
