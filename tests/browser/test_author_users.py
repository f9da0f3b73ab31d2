"""An editor links an author to a staff account with the admin's autocomplete box."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from playwright.sync_api import expect

from articles.models import Author

from ..factories import make_author
from ..helpers import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-editor-password"


def test_editor_links_an_author_to_an_account(live_server, browser_page, roles):
    users = get_user_model().objects
    editor = users.create_user("eddie", "e@example.com", PASSWORD, is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    writer = users.create_user(
        "wendy", "w@example.com", PASSWORD, is_staff=True, first_name="Wendy", last_name="Woof"
    )
    author = make_author(name="Wendy Woof")
    page = browser_page
    page.set_viewport_size({"width": 1366, "height": 768})
    log_in(page, live_server.url, "eddie", PASSWORD)
    page.goto(live_server.url + reverse("admin:articles_author_change", args=[author.pk]))
    page.locator(".field-user .select2-selection").click()
    page.keyboard.type("woof")
    page.locator(".select2-results__option", has_text="Wendy Woof (wendy)").first.click()
    page.click("input[name=_save]")
    expect(page.locator(".messagelist .success")).to_contain_text("was changed successfully")
    assert Author.objects.get(pk=author.pk).user == writer
    assert page.console_errors == []
