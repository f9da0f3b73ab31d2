"""Error pages, requests for unknown hosts, and the hashed, compressed static files."""

import json

import pytest
from django.test import override_settings

from ..helpers import parse_html

pytestmark = pytest.mark.django_db


class TestErrors:
    def test_styled_404(self, client):
        response = client.get("/no/such/page/")
        assert response.status_code == 404
        assert b"We can\xe2\x80\x99t find that page" in response.content
        parse_html(response.content)

    def test_500_page_renders_standalone(self):
        from django.template import loader

        html = loader.get_template("500.html").render({})
        assert "Something went wrong" in html
        parse_html(html)

    @override_settings(DEBUG=False)
    def test_bad_host_is_refused_without_a_500(self, client):
        response = client.get("/", headers={"host": "evil.example"})
        assert response.status_code == 400


def test_static_files_are_hashed_and_compressed(settings, tmp_path):
    """The real storage: collectstatic makes hashed, compressed names for whitenoise."""
    from django.core.management import call_command
    from django.templatetags.static import static

    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", "--noinput", verbosity=0)
    url = static("css/site.css")
    assert url.startswith("/static/css/site.")
    assert url.endswith(".css")
    assert url != "/static/css/site.css"
    hashed = settings.STATIC_ROOT / url.removeprefix("/static/")
    assert hashed.exists()
    assert hashed.with_name(hashed.name + ".gz").exists()
    manifest = json.loads((settings.STATIC_ROOT / "staticfiles.json").read_text())
    assert "js/site.js" in manifest["paths"]
