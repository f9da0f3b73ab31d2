"""The story add and change addresses, an editor and the filing a new story needs."""

# Test modules import the *_fixture functions below (with noqa: F401); pytest finds them
# under the name= given, so a test's argument never shadows the imported function.

import pytest
from django.urls import reverse

from doggydiary.roles import EDITORS

from .editorial_helpers import make_user, story_form
from .factories import make_author, make_category, make_image

ADD = reverse("admin:articles_article_add")


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


@pytest.fixture(name="filing")
def filing_fixture():
    return {"author": make_author(), "category": make_category(), "hero": make_image()}


@pytest.fixture(name="editor")
def editor_fixture(client):
    user = make_user("eddie", EDITORS)
    client.force_login(user)
    return user


def new_story(filing, **overrides):
    fields = {
        "author": filing["author"].pk,
        "category": filing["category"].pk,
        "hero_image": filing["hero"].pk,
    }
    return story_form(**{**fields, **overrides})
