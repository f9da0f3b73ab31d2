"""A contributor files stories as the writer linked to their account: a crafted
``author=`` naming another writer is refused with a clear message, nothing saved;
editors still choose any writer."""

import pytest

from articles.models import Article
from doggydiary.roles import CONTRIBUTORS

from ..factories import make_article, make_author, make_user, new_story, story_form
from ..helpers import ADD, change_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def connie(client, filing):
    user = make_user("connie", CONTRIBUTORS)
    filing["author"].user = user
    filing["author"].save()
    client.force_login(user)
    return user


def test_a_crafted_author_is_refused_and_the_story_kept_in_the_form(client, connie, filing):
    someone_else = make_author(name="Famous Writer")
    response = client.post(ADD, new_story(filing, author=someone_else.pk, title="My scoop"))
    assert response.status_code == 200
    html = response.content.decode()
    assert f"You can file stories only as {filing['author'].name}" in html
    assert 'value="My scoop"' in html
    assert not Article.objects.exists()
    assert client.post(ADD, new_story(filing, title="My scoop")).status_code == 302
    assert Article.objects.get().author == filing["author"]


def test_nor_on_a_story_they_already_have(client, connie, filing):
    mine = make_article(created_by=connie, author=filing["author"], status="draft")
    other = make_author()
    client.post(change_url(mine), {**story_form(mine), "author": other.pk})
    assert Article.objects.get(pk=mine.pk).author == filing["author"]


def test_an_unlinked_contributor_is_told_to_ask_an_editor(client, filing):
    client.force_login(make_user("otto", CONTRIBUTORS))
    response = client.post(ADD, new_story(filing))
    assert response.status_code == 200
    assert "Ask an editor to link your account" in response.content.decode()
    assert not Article.objects.exists()


def test_an_editor_files_under_any_writer(client, editor, filing):
    assert client.post(ADD, new_story(filing, author=make_author().pk)).status_code == 302
