"""A database that refuses to write: readers still get pages, writers get a 503 that
keeps their text.

The refusal is the engine's own, set on the connection the site uses: SQLite's
``PRAGMA query_only`` ("attempt to write a readonly database") and PostgreSQL's
read-only transactions ("cannot execute INSERT in a read-only transaction"). A
full disk gives the same kind of error (OperationalError on SQLite; on PostgreSQL
"could not extend file", also an error class the 503 covers), so this stands for it.
"""

import pytest
from django.db import connection
from playwright.sync_api import expect

from articles.models import Category
from comments.models import Comment, DiscussionSettings

from ..factories import make_article, make_comment
from ..helpers import post_comment

TYPED = "A long reply I spent ten minutes writing about my terrier."


def _set_read_only(on):
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA query_only = " + ("ON" if on else "OFF"))
        else:
            mode = "READ ONLY" if on else "READ WRITE"
            cursor.execute(f"SET SESSION CHARACTERISTICS AS TRANSACTION {mode}")


@pytest.fixture
def read_only(transactional_db):
    """Call to make the database refuse writes until the test ends. The test client
    runs requests on this same connection (it does not close it between them)."""
    yield lambda: _set_read_only(True)
    _set_read_only(False)


@pytest.fixture
def site(transactional_db):
    story = make_article(title="A story", slug="a-story", tags=["terriers"])
    make_comment(story, status=Comment.Status.APPROVED, body="An approved comment.")
    DiscussionSettings.load()
    return story


def test_the_engine_really_refuses(site, read_only):
    read_only()
    with pytest.raises(Exception, match="read-only|readonly"):
        Category.objects.create(name="Refused", slug="refused")


def test_readers_get_pages_from_a_read_only_database(client, site, read_only):
    pages = [
        "/",
        site.get_absolute_url(),
        site.category.get_absolute_url(),
        site.author.get_absolute_url(),
        "/tag/terriers/",
        "/search/?q=story",
        "/feed/",
        f"{site.get_absolute_url()}comments/feed/",
        "/sitemap.xml",
    ]
    read_only()
    for url in pages:  # an empty cache: every page renders from the database
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["X-Page-Cache"] == "miss", url
    assert client.get(site.get_absolute_url())["X-Page-Cache"] == "hit"
    assert client.get("/robots.txt").status_code == 200
    assert b"An approved comment." in client.get(site.get_absolute_url()).content


def test_a_comment_gets_a_503_that_keeps_the_text(client, site, read_only, settings, mailoutbox):
    settings.ADMINS = [("Admin", "admin@example.com")]
    read_only()
    response = post_comment(client, site, body=TYPED, name="Sam Typist")
    assert response.status_code == 503
    assert response["Retry-After"].isdigit()
    html = response.content.decode()
    assert "We can&#39;t save comments right now" in html
    assert TYPED in html
    assert 'value="Sam Typist"' in html
    assert "no-store" in response["Cache-Control"]
    assert mailoutbox == []  # logged as a warning, not mailed for every attempt
    _set_read_only(False)
    assert not Comment.objects.filter(body=TYPED).exists()


def test_an_admin_save_gets_a_503_saying_it_was_not_saved(client, site, admin_user, read_only):
    client.force_login(admin_user)
    read_only()
    change = f"/admin/articles/category/{site.category.pk}/change/"
    assert client.get(change).status_code == 200  # the admin reads as usual
    response = client.post(
        change, {"name": "Renamed section", "slug": "renamed", "description": "", "home_order": 0}
    )
    assert response.status_code == 503
    assert response["Retry-After"].isdigit()
    html = response.content.decode()
    assert "Your change was not saved" in html
    assert "Back" in html
    _set_read_only(False)
    assert Category.objects.get(pk=site.category.pk).name != "Renamed section"


def test_signing_in_to_the_admin_gets_a_503_not_a_500(client, site, admin_user, read_only):
    read_only()
    response = client.post(
        "/admin/login/?next=/admin/", {"username": admin_user.username, "password": "password"}
    )
    assert response.status_code == 503
    assert "Your change was not saved" in response.content.decode()


def _server_cannot_write(on):
    """Writes refused for the live server's own connection. PostgreSQL: the database
    is made read-only for new sessions, and the live server's own session is ended.
    SQLite: the test database is in memory, shared with the server thread through a
    connection of its own that we cannot reach; holding the one write lock of that
    shared database here makes the engine refuse the server's writes just as well
    ("database table is locked"), while its reads go on."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("BEGIN IMMEDIATE" if on else "ROLLBACK")
            return
        name = connection.ops.quote_name(connection.settings_dict["NAME"])
        cursor.execute(f"ALTER DATABASE {name} SET default_transaction_read_only = {on}")
        # The server keeps its connection between requests (CONN_MAX_AGE): end it, so
        # its health check opens a new session that has the new default.
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


@pytest.mark.browser
def test_back_from_the_503_keeps_what_the_editor_typed(live_server, browser_page, site, admin_user):
    from ..helpers import log_in

    page = browser_page
    log_in(page, live_server.url, admin_user.username, "password")
    page.goto(f"{live_server.url}/admin/articles/category/{site.category.pk}/change/")
    typed = "A section description that took a while to write."
    page.fill("#id_description", typed)
    _server_cannot_write(True)
    try:
        with page.expect_response(lambda answer: answer.request.method == "POST") as sent:
            page.click("input[name=_save]")
        assert sent.value.status == 503
        expect(page.locator("body")).to_contain_text("Your change was not saved")
        page.go_back()
        assert page.input_value("#id_description") == typed
    finally:
        _server_cannot_write(False)


def test_a_reader_whose_page_needed_a_write_is_not_told_it_was_not_saved(client, read_only):
    """A GET can need a write the database refuses (here the first page of a new site,
    whose discussion settings are made on first use): the 503 says the page cannot be
    shown now, not that the reader's change was not saved."""
    story = make_article(title="A story", slug="a-story")
    DiscussionSettings.objects.all().delete()
    read_only()
    response = client.get(story.get_absolute_url())
    assert response.status_code == 503
    html = response.content.decode()
    assert "Not saved" not in html
    assert "not saved" not in html
    assert "can't be shown just now" in html
    assert response["Retry-After"]


def test_a_picture_not_made_yet_is_the_original_not_a_500(client, read_only):
    """Asking the worker for a rendition writes to the database; when it cannot, the
    reader still gets the original, and the worker is asked by the next reader."""
    from articles import images

    from ..factories import make_image

    image = make_image(1200, 800)
    read_only()
    response = client.get(images.rendition_url(image, "hero", 800, "webp"))
    assert response.status_code == 302
    assert response["Location"] == image.file.url
    assert client.get(image.file.url).status_code == 200
    _set_read_only(False)
    assert client.get(images.rendition_url(image, "hero", 800, "webp")).status_code == 302
    from django_tasks_db.models import DBTaskResult

    assert DBTaskResult.objects.count() == 1  # asked again, once the database could
