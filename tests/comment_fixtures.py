"""Fixtures shared by the comment tests: a story to comment on and the discussion rules."""

# Test modules import the *_fixture functions below (with noqa: F401); pytest finds them
# under the name= given, so a test's argument never shadows the imported function.

import pytest

from comments.models import DiscussionSettings

from .factories import make_article


@pytest.fixture(name="story")
def story_fixture():
    return make_article(title="A story", slug="a-story")


@pytest.fixture(name="rules")
def rules_fixture():
    return DiscussionSettings.load()
