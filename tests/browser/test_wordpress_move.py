"""An editor moves a WordPress magazine in from the admin, then reads it as a reader
who follows an old link would: the story at its new address, its pictures from this
site, its comments in threads, nothing of WordPress's markup left."""

from importlib import import_module

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection

from ..factories import FIXTURE, uploads
from ..helpers import log_in, scroll_through

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-editor-password"


@pytest.fixture
def editor(roles):
    class Editor:
        connection = connection

    import_module("wordpress.migrations.0002_i19_editors_import").editors_may_import(apps, Editor)
    user = get_user_model().objects.create_user("eddie", "e@example.com", PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def test_an_editor_imports_and_old_links_land_on_the_new_story(
    browser_page, live_server, editor, settings, tmp_path, monkeypatch
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    monkeypatch.setenv("WORDPRESS_MEDIA_DIR", str(uploads(tmp_path)))
    page = browser_page
    log_in(page, live_server.url, "eddie", PASSWORD)
    page.get_by_role("link", name="WordPress imports").click()
    page.get_by_role("link", name="Add WordPress import").click()
    page.set_input_files("#id_export", str(FIXTURE))
    with page.expect_navigation():
        page.get_by_role("button", name="Import").click()
    assert page.locator("#import-progress").get_attribute("value") == "100"
    assert "posts: " in page.locator("#import-report").inner_text()
    page.reload()  # the report is still there
    assert "comments: " in page.locator("#import-report").inner_text()

    page.goto(live_server.url + "/2024/05/brushing-guide/")
    assert page.url == live_server.url + "/story/brushing-guide/"
    scroll_through(page)  # every picture loads, from this site
    assert page.foreign_requests == []
    text = page.locator("main").inner_text()
    for raw in ("[caption", "[gallery", "[contact-form-7", "<!--", "wp:"):
        assert raw not in text
    assert page.locator("main picture img").count() >= 2
    thread = page.locator(".comment-list")
    assert thread.locator(".comment-children .comment-children .comment-children").count() == 1
    assert "Third level" in thread.inner_text()
    assert page.console_errors == []
