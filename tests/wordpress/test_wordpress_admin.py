"""The admin's Import from WordPress: editors only, run by the task worker, with a
progress page that survives a reload and shows the report."""

from importlib import import_module

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from articles.models import Article
from doggydiary.roles import CONTRIBUTORS, EDITORS, MODERATORS
from wordpress.models import ImportRun

from ..factories import FIXTURE, make_user

ADD = reverse("admin:wordpress_importrun_add")
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(name="editor_may_import")
def editor_may_import_fixture(roles):
    class Editor:
        connection = connection

    import_module("wordpress.migrations.0002_i19_editors_import").editors_may_import(apps, Editor)


def upload(client, text=None):
    content = FIXTURE.read_bytes() if text is None else text.encode()
    return client.post(ADD, {"export": SimpleUploadedFile("site.xml", content, "text/xml")})


@pytest.mark.parametrize(("group", "allowed"), [(EDITORS, True), (CONTRIBUTORS, False),
                                                (MODERATORS, False)])  # fmt: skip
def test_only_editors_may_import(client, editor_may_import, group, allowed, settings):
    settings.TASKS = IMMEDIATE
    client.force_login(make_user("someone", group))
    assert client.get(ADD).status_code == (200 if allowed else 403)
    response = upload(client)
    assert (response.status_code == 302) == allowed
    assert Article.objects.exists() == allowed
    index = client.get(reverse("admin:index")).content.decode()
    assert ("Import from WordPress" in index or "WordPress imports" in index) == allowed
    run = ImportRun.objects.create(file_name="other.xml", path="/nowhere.xml")
    progress = client.get(reverse("admin:wordpress_importrun_change", args=[run.pk]))
    assert progress.status_code == (200 if allowed else 403)
    listing = client.get(reverse("admin:wordpress_importrun_changelist"))
    assert listing.status_code == (200 if allowed else 403)


def test_the_report_is_shown_when_the_import_is_done(client, editor_may_import, settings):
    settings.TASKS = IMMEDIATE
    client.force_login(make_user("eddie", EDITORS))
    response = upload(client)
    run = ImportRun.objects.get()
    assert response["Location"] == reverse("admin:wordpress_importrun_change", args=[run.pk])
    page = client.get(response["Location"]).content.decode()
    assert run.status == "done"
    assert 'value="100"' in page
    assert "posts: " in page
    assert "[contact-form-7] ×1" in page
    assert 'http-equiv="refresh"' not in page


def test_a_broken_file_is_refused_on_the_page(client, editor_may_import, settings):
    settings.TASKS = IMMEDIATE
    client.force_login(make_user("eddie", EDITORS))
    upload(client, FIXTURE.read_text()[:3000])
    run = ImportRun.objects.get()
    page = client.get(reverse("admin:wordpress_importrun_change", args=[run.pk])).content
    assert run.status == "failed"
    assert b"not well-formed XML at line" in page
    assert not Article.objects.exists()


def test_a_real_worker_runs_the_import_and_the_page_follows_it(client, editor_may_import):
    client.force_login(make_user("eddie", EDITORS))
    upload(client)
    run = ImportRun.objects.get()
    waiting = client.get(reverse("admin:wordpress_importrun_change", args=[run.pk])).content
    assert b"Waiting for the worker" in waiting
    assert b'http-equiv="refresh"' in waiting
    assert not Article.objects.exists()
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    run.refresh_from_db()
    assert run.status == "done"
    assert run.report["counts"]["posts"]["created"] == 7
    assert Article.objects.count() == 7
    page = client.get(reverse("admin:wordpress_importrun_change", args=[run.pk])).content
    assert b'value="100"' in page
    assert b"comments: " in page
