"""Defence in depth (issue 12, item 13): a Content-Security-Policy on the admin and the
story preview, Cross-Origin-Resource-Policy on every response, HSTS includeSubDomains
as an option, staff sessions shorter than two weeks, and gunicorn believing
X-Forwarded-Proto only behind the TLS proxy."""

import base64
import hashlib
import re
import runpy
import subprocess
import sys
from pathlib import Path

import pytest
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse

from deploy.loopback import site_environment
from doggydiary.middleware import ADMIN_CSP, admin_policy

from ..factories import make_article, make_image

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split("; ")}


def sha256_base64(text):
    return base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


def assert_scripts_from_our_origin_only(response):
    csp = directives(response)
    first, *hashes = csp["script-src"]
    assert first == "'self'"
    # Only the page's own import maps, by hash; never 'unsafe-inline'.
    html = response.content.decode()
    maps = re.findall(r'<script type="importmap"[^>]*>(.*?)</script>', html, re.S)
    assert hashes == [f"'sha256-{sha256_base64(found)}'" for found in maps]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["default-src"] == ["'self'"]


def test_the_admin_has_a_policy(admin_client):
    story = make_article(body='<p>Story <img src="x" onerror="alert(1)"></p>')
    assert_scripts_from_our_origin_only(Client().get(reverse("admin:login")))
    pages = [
        reverse("admin:index"),
        reverse("admin:articles_article_changelist"),
        reverse("admin:articles_article_change", args=[story.pk]),
        reverse("admin:articles_article_preview", args=[story.pk]),
    ]
    for url in pages:
        response = admin_client.get(url)
        assert response.status_code == 200, url
        assert_scripts_from_our_origin_only(response)


def test_only_import_maps_in_the_head_are_allowed():
    head_map = '{"imports": {"a": "/static/a.js"}}'
    page = (
        f'<html><head><script type="importmap">{head_map}</script>'
        '<script type="importmap">alert(1)</script></head><body>'
        '<script type="importmap">{"imports": {"b": "/evil.js"}}</script></body></html>'
    )
    policy = admin_policy(HttpResponse(page))
    assert policy == ADMIN_CSP.replace(
        "script-src 'self'", f"script-src 'self' 'sha256-{sha256_base64(head_map)}'"
    )
    assert admin_policy(HttpResponse("<html><body>no maps</body></html>")) == ADMIN_CSP


def test_the_unsaved_preview_has_the_policy(admin_client):
    response = admin_client.post(
        reverse("admin:articles_article_preview_new"),
        {"title": "Draft", "slug": "draft", "body": "<script>alert(1)</script><p>Hi</p>"},
    )
    assert response.status_code == 200
    assert_scripts_from_our_origin_only(response)


def test_reader_pages_keep_their_strict_policy(client):
    story = make_article()
    response = client.get(story.get_absolute_url())
    csp = directives(response)
    assert csp["style-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]


def test_cross_origin_resource_policy_everywhere(client, settings):
    story = make_article(hero_image=make_image())
    static_file = Path(settings.STATIC_ROOT) / "css" / "probe.css"
    static_file.parent.mkdir(parents=True)
    static_file.write_text("body{}")
    fresh = Client()  # whitenoise finds STATIC_ROOT's files when its middleware starts
    urls = [
        "/",
        story.get_absolute_url(),
        "/feed/",
        "/sitemap.xml",
        "/robots.txt",
        "/no-such-page/",
        reverse("admin:login"),
        story.hero_image.file.url,
        "/static/css/probe.css",
    ]
    for url in urls:
        response = fresh.get(url)
        assert response.status_code in {200, 404}, url
        assert response["Cross-Origin-Resource-Policy"] == "same-origin", url
    assert fresh.get("/static/css/probe.css").status_code == 200


def run_settings(env, expression):
    """A setting's value in a fresh process whose environment is ``env``."""
    full_env = site_environment(**env)
    code = f"import django; django.setup(); from django.conf import settings; print({expression})"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=full_env, capture_output=True, text=True,
        timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_hsts_include_subdomains_is_an_option():
    expression = "getattr(settings, 'SECURE_HSTS_INCLUDE_SUBDOMAINS', None)"
    assert run_settings({"BEHIND_TLS_PROXY": "true"}, expression) == "False"
    both = {"BEHIND_TLS_PROXY": "true", "SECURE_HSTS_INCLUDE_SUBDOMAINS": "true"}
    assert run_settings(both, expression) == "True"


def test_hsts_header_carries_include_subdomains(client, settings):
    settings.SECURE_HSTS_SECONDS = 3600
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    response = Client().get("/robots.txt", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=3600; includeSubDomains"


def test_staff_sessions_last_twelve_hours(admin_client, settings):
    assert settings.SESSION_COOKIE_AGE == 12 * 60 * 60
    response = admin_client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert admin_client.session.get_expiry_age() <= 12 * 60 * 60
    assert run_settings({"SESSION_COOKIE_AGE": "3600"}, "settings.SESSION_COOKIE_AGE") == "3600"


def gunicorn_config(monkeypatch, **env):
    for name in ("BEHIND_TLS_PROXY", "FORWARDED_ALLOW_IPS"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(ROOT / "gunicorn.conf.py"))


def test_gunicorn_trusts_forwarded_proto_only_behind_the_proxy(monkeypatch):
    assert gunicorn_config(monkeypatch)["forwarded_allow_ips"] == ""
    assert gunicorn_config(monkeypatch, BEHIND_TLS_PROXY="false")["forwarded_allow_ips"] == ""
    behind = gunicorn_config(monkeypatch, BEHIND_TLS_PROXY="true")
    assert behind["forwarded_allow_ips"] == "127.0.0.1,::1"
    chosen = gunicorn_config(monkeypatch, BEHIND_TLS_PROXY="1", FORWARDED_ALLOW_IPS="10.0.0.2")
    assert chosen["forwarded_allow_ips"] == "10.0.0.2"


def test_make_run_uses_the_gunicorn_config():
    run = (ROOT / "Makefile").read_text().split("\nrun:", 1)[1].split("\n\n", 1)[0]
    assert "--config gunicorn.conf.py" in run
    assert "--forwarded-allow-ips" not in run
