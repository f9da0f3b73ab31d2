import os
import socket
from pathlib import Path

import pytest


def pytest_configure(config):
    # The live server's whitenoise looks for STATIC_ROOT when it starts.
    from django.conf import settings

    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
    # PBKDF2 is slow on purpose; tests need passwords that work, not strong ones. Set
    # before anything hashes, so fixtures and the live server use it too.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    _record_jinja2_renders()


def _record_jinja2_renders():
    """The test client records the context of Django templates only (response.context);
    the reader pages are Jinja2, so their renders send the same signal."""
    from django.template.backends import jinja2
    from django.test.signals import template_rendered

    render = jinja2.Template.render

    def recorded_render(self, context=None, request=None):
        context = {} if context is None else context
        html = render(self, context, request)
        template_rendered.send(sender=self, template=self, context=context)
        return html

    jinja2.Template.render = recorded_render


@pytest.fixture(autouse=True)
def _isolated_site(settings, tmp_path):
    """Each test gets its own media folder and an empty local cache; static files are
    served unhashed so tests need no collectstatic (one test checks the real thing)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STATIC_ROOT.mkdir()
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    # A story view a browser test's page sends is written before the test ends.
    settings.READERSHIP_FLUSH_SECONDS = 0
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def unreachable_redis(settings):
    """The cache is Redis on a loopback port nobody listens on: every call fails at once,
    as when Redis is down."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    from django.core.cache import caches

    # (Changing CACHES makes Django forget the connections made with the old one.)
    assert "Redis" in type(caches["default"]).__name__


@pytest.fixture
def file_cache_short_default(settings, tmp_path):
    """The file cache (production's default) with a one-second default timeout, which
    its ``incr`` gives a count back unless the count's own life is set again."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "cache"),
            "TIMEOUT": 1,
        }
    }


@pytest.fixture
def browser_page(live_server):
    """A Playwright page in Debian's Chromium, failing the test on any console error."""
    # Playwright's sync API runs an event loop in this thread; the ORM calls the
    # tests make around it are still plain synchronous ones.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    executable = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        context = browser.new_context(viewport={"width": 412, "height": 900})
        page = context.new_page()
        page.console_errors = []
        page.on(
            "console",
            lambda message: message.type == "error" and page.console_errors.append(message.text),
        )
        page.on("pageerror", lambda error: page.console_errors.append(str(error)))
        page.foreign_requests = []
        page.on(
            "request",
            lambda request: (
                not request.url.startswith((live_server.url, "data:"))
                and page.foreign_requests.append(request.url)
            ),
        )
        try:
            yield page
        finally:
            context.close()
            browser.close()
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def roles(transactional_db):
    """The groups the data migrations make, made again after a transactional test's
    flush removed them, by the migrations' own functions."""
    from importlib import import_module
    from types import SimpleNamespace

    from django.apps import apps
    from django.db import connection

    editor = SimpleNamespace(connection=connection)
    import_module("articles.migrations.0003_roles").create_roles(apps, editor)
    import_module("comments.migrations.0002_moderators_group").create_moderators(apps, editor)


# Fixtures the folders share: a story to comment on, the discussion rules, the newsroom's
# editor and filing, and a loopback SMTP server. A folder's own fixtures live in its
# conftest.py (comments/moderation/ has its own story).


@pytest.fixture
def story():
    from .factories import make_article

    return make_article(title="A story", slug="a-story")


@pytest.fixture
def rules():
    from comments.models import DiscussionSettings

    return DiscussionSettings.load()


@pytest.fixture
def filing():
    """The author, section and hero picture a new story is filed with."""
    from .factories import make_author, make_category, make_image

    return {"author": make_author(), "category": make_category(), "hero": make_image()}


@pytest.fixture
def editor(client):
    """An editor, logged in on ``client``."""
    from doggydiary.roles import EDITORS

    from .factories import make_user

    user = make_user("eddie", EDITORS)
    client.force_login(user)
    return user


@pytest.fixture
def smtp_server(settings):
    """A running loopback SMTP server (helpers.SMTPServer); the site's mail goes to the
    outbox and the worker delivers it here."""
    import logging

    from .helpers import SMTPServer

    logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd's chatter
    server = SMTPServer()
    server.start()
    settings.EMAIL_BACKEND = "doggydiary.outbox.backend.OutboxBackend"
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    settings.SITE_URL = "http://testserver"
    try:
        yield server
    finally:
        server.stop()
