"""Editors link an author to a user account: the account search answers them, and
tells nobody more than a name."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from articles.models import Author
from doggydiary.roles import CONTRIBUTORS, EDITORS, MODERATORS

from ..factories import make_author, make_user

pytestmark = pytest.mark.django_db

SEARCH = reverse("admin:articles_author_user_autocomplete")


@pytest.fixture
def accounts():
    writer = make_user("wendy", CONTRIBUTORS, first_name="Wendy", last_name="Woof")
    make_user("walter", CONTRIBUTORS)
    get_user_model().objects.create_user("wanda", "wanda@example.com", "pw-reader")  # not staff
    make_user("wilma", CONTRIBUTORS, is_active=False)
    return {"writer": writer, "editor": make_user("eddie", EDITORS)}


def test_the_admin_autocomplete_refused_editors(client, accounts):
    """Why this search exists: Django's own one needs the view permission on users."""
    client.force_login(accounts["editor"])
    params = {"app_label": "articles", "model_name": "author", "field_name": "photo"}
    assert client.get(reverse("admin:autocomplete"), params).status_code == 200
    stock = client.get(reverse("admin:autocomplete"), {**params, "field_name": "user"})
    assert stock.status_code == 403  # the user box no longer asks it


def test_editor_finds_staff_accounts_by_name(client, accounts):
    client.force_login(accounts["editor"])
    response = client.get(SEARCH, {"term": "w"})
    assert response.status_code == 200
    data = response.json()
    assert data["results"] == [  # by username; not the reader, not the closed account
        {"id": str(get_user_model().objects.get(username="walter").pk), "text": "walter"},
        {"id": str(accounts["writer"].pk), "text": "Wendy Woof (wendy)"},
    ]
    assert data["pagination"] == {"more": False}
    assert client.get(SEARCH, {"term": "Woof"}).json()["results"][0]["text"] == (
        "Wendy Woof (wendy)"
    )


def test_nothing_private_is_sent(client, accounts):
    client.force_login(accounts["editor"])
    raw = client.get(SEARCH, {"term": ""}).content.decode()
    assert "@example.com" not in raw
    assert "md5$" not in raw
    assert "password" not in raw
    assert {key for row in json.loads(raw)["results"] for key in row} == {"id", "text"}
    # An address is not a way to find someone either.
    assert client.get(SEARCH, {"term": "wendy@example"}).json()["results"] == []


def test_who_may_search(client, accounts):
    client.force_login(accounts["writer"])
    assert client.get(SEARCH, {"term": "w"}).status_code == 403
    client.force_login(make_user("mo", MODERATORS))
    assert client.get(SEARCH, {"term": "w"}).status_code == 403
    client.logout()
    assert client.get(SEARCH, {"term": "w"}).status_code == 302  # to the login


def test_bad_paging_is_not_an_error(client, accounts):
    client.force_login(accounts["editor"])
    for page in ["0", "-3", "x", "9" * 40]:
        response = client.get(SEARCH, {"term": "w", "page": page})
        assert response.status_code == 200
    long_term = client.get(SEARCH, {"term": "w" * 5000})
    assert long_term.status_code == 200
    assert long_term.json()["results"] == []


def test_editor_links_an_author_to_an_account(client, accounts):
    author = make_author(name="Wendy Woof")
    client.force_login(accounts["editor"])
    url = reverse("admin:articles_author_change", args=[author.pk])
    form = client.get(url).content.decode()
    assert f'data-ajax--url="{SEARCH}"' in form
    data = {"name": author.name, "slug": author.slug, "bio": author.bio, "website": "",
            "photo": "", "user": accounts["writer"].pk}  # fmt: skip
    assert client.post(url, data).status_code == 302
    assert Author.objects.get(pk=author.pk).user == accounts["writer"]
    # Only staff accounts can be linked, whatever is posted.
    reader = get_user_model().objects.get(username="wanda")
    response = client.post(url, {**data, "user": reader.pk})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
