"""/healthz for proxies and monitors (issue 12, item 14): 200 when the database, the
cache and the folders the site writes to work, 503 naming what does not; never
cached, never a cookie, and the same for a stranger as for anyone."""

import json

import pytest

pytestmark = pytest.mark.django_db


def health(client):
    response = client.get("/healthz")
    assert "no-cache" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
    assert response.cookies == {}
    assert response["Content-Type"] == "application/json"
    return response.status_code, json.loads(response.content)


def test_all_well(client, settings, tmp_path):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "cache"),
        }
    }
    status, body = health(client)
    assert status == 200
    assert body == {
        "status": "ok",
        "failed": [],
        "checks": {"database": "ok", "cache": "ok", "media": "ok", "cache_folder": "ok"},
    }
    assert not list((tmp_path / "cache").glob(".healthz-*"))


def test_an_unwritable_media_folder(client, settings, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    settings.MEDIA_ROOT = blocker / "media"
    status, body = health(client)
    assert status == 503
    assert body["failed"] == ["media"]
    assert str(tmp_path) not in json.dumps(body)  # no paths for strangers


def test_a_full_disk(client, settings):
    settings.HEALTHZ_MIN_FREE_MB = 10**12  # more than any disk has free
    status, body = health(client)
    assert status == 503
    assert body["failed"] == ["media"]


def test_a_cache_that_does_not_answer(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
        }
    }
    status, body = health(client)
    assert status == 503
    assert body["failed"] == ["cache"]
    assert body["checks"]["database"] == "ok"


def test_a_database_that_does_not_answer(client, settings, tmp_path):
    from django.db import connections

    connection = connections["default"]
    if connection.vendor == "sqlite":
        pytest.skip("an in-memory SQLite test database always answers")
    original = connection.settings_dict["PORT"]
    connection.close()
    connection.settings_dict["PORT"] = "1"
    try:
        status, body = health(client)
    finally:
        connection.settings_dict["PORT"] = original
        connection.close()
    assert status == 503
    assert "database" in body["failed"]


def test_only_get_and_head(client):
    assert client.post("/healthz").status_code == 405
    assert client.head("/healthz").status_code == 200


def test_a_media_folder_without_the_pictures_the_database_names(client, settings, tmp_path):
    """A second machine whose shared folder is not mounted: an empty media folder while
    the database names pictures is not healthy."""
    from ..factories import make_image

    make_image()
    assert health(client)[0] == 200
    settings.MEDIA_ROOT = tmp_path / "empty-media"
    status, body = health(client)
    assert status == 503
    assert body["failed"] == ["media"]
    assert body["checks"]["media"] == "FileNotFoundError"
