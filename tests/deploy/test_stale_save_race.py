"""Two saves of one story from the same version, sent at the same moment to two real
gunicorn workers: exactly one is accepted, the other is refused as an edit conflict,
and both versions are kept. On PostgreSQL (DATABASE_URL) and on SQLite.
"""

import http.cookiejar
import json
import subprocess
import sys
import threading
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from .test_concurrency import database_url, free_port, manage

ROOT = Path(__file__).resolve().parents[2]
TRIALS = 30
REFUSED = "your changes were not saved"

SETUP = """
import json
from django.test import Client
from doggydiary.roles import EDITORS
from tests.factories import make_article, make_image, make_user, story_form
story = make_article(title="Race story", slug="race-story", hero_image=make_image())
sessions = {}
for name in ("sam", "eddie"):
    client = Client()
    client.force_login(make_user(name, EDITORS))
    sessions[name] = client.cookies["sessionid"].value
print(json.dumps({"pk": story.pk, "form": story_form(story), "sessions": sessions,
                  "revisions": story.revisions.count()}))
"""

REPORT = """
import json
from articles.models import Article, Autosave
story = Article.objects.get(slug="race-story")
print(json.dumps({
    "title": story.title,
    "revisions": story.revisions.count(),
    "autosaves": {a.user.username: a.data["fields"]["title"][0]
                  for a in Autosave.objects.filter(article=story).select_related("user")},
}))
"""


@pytest.fixture
def site(tmp_path):
    url, drop = database_url(tmp_path)
    port = free_port()
    env = {
        **__import__("os").environ,
        "DATABASE_URL": url,
        "MEDIA_ROOT": str(tmp_path / "media"),
        "CACHE_DIR": str(tmp_path / "cache"),
        "STATIC_ROOT": str(tmp_path / "static"),
        "ALLOWED_HOSTS": "127.0.0.1",
    }
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    made = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", SETUP], cwd=ROOT, env=env,
        capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    setup = json.loads(made.stdout.strip().splitlines()[-1])
    gunicorn = Path(sys.executable).with_name("gunicorn")
    process = subprocess.Popen(
        [str(gunicorn), "doggydiary.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2",
         "--log-level", "warning", "--graceful-timeout", "3"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/robots.txt", timeout=1)
                break
            except OSError:
                __import__("time").sleep(0.1)
        yield base, env, setup
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if drop:
            drop()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Tab:
    """One editor's browser tab: their session and CSRF cookies."""

    def __init__(self, base, session):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.jar.set_cookie(_cookie("sessionid", session))
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect
        )

    def open_form(self, url):
        html = self.opener.open(self.base + url, timeout=60).read().decode()
        return {name: _hidden(html, name) for name in ("loaded_updated_at", "csrfmiddlewaretoken")}

    def save(self, url, data):
        request = urllib.request.Request(
            self.base + url,
            data=urllib.parse.urlencode(data).encode(),
            headers={"Origin": self.base, "Referer": self.base + url},
        )
        try:
            response = self.opener.open(request, timeout=120)
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()
        return response.status, response.read().decode()


def _cookie(name, value):
    return http.cookiejar.Cookie(
        0, name, value, None, False, "127.0.0.1", False, False, "/", True, False, None,
        True, None, None, {},
    )  # fmt: skip


def _hidden(html, name):
    return html.split(f'name="{name}" value="', 1)[1].split('"', 1)[0]


def one_trial(pool, tabs, url, form, trial):
    """Both tabs open the story, then save their own change at the same moment."""
    copies = {
        name: {
            **form,
            **tab.open_form(url),
            "title": f"Race story, version {trial} by {name}",
            "body": f"<p>{name} wrote this in trial {trial}.</p>",
        }
        for name, tab in tabs.items()
    }
    assert copies["sam"]["loaded_updated_at"] == copies["eddie"]["loaded_updated_at"]
    start = threading.Barrier(2)

    def save(name):
        start.wait()
        return tabs[name].save(url, copies[name])

    results = dict(zip(tabs, pool.map(save, tabs), strict=True))
    accepted = [name for name, (code, _) in results.items() if code == 302]
    refused = [name for name, (code, html) in results.items() if code == 200 and REFUSED in html]
    for name in refused:  # the refused text is shown again in its form
        assert f'value="Race story, version {trial} by {name}"' in results[name][1]
    return trial, accepted, refused


def test_two_saves_from_one_version_at_the_same_moment_one_is_refused(site):
    base, env, setup = site
    url = f"/admin/articles/article/{setup['pk']}/change/"
    tabs = {name: Tab(base, session) for name, session in setup["sessions"].items()}
    with ThreadPoolExecutor(max_workers=2) as pool:
        outcomes = [one_trial(pool, tabs, url, setup["form"], n) for n in range(TRIALS)]
    print(f"{TRIALS} concurrent trials: {sum(len(r) for _, _, r in outcomes)} refused")
    assert all(len(a) == 1 and len(r) == 1 for _, a, r in outcomes), outcomes
    reported = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", REPORT], cwd=ROOT, env=env,
        capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    stored = json.loads(reported.stdout.strip().splitlines()[-1])
    last, winner, loser = outcomes[-1][0], outcomes[-1][1][0], outcomes[-1][2][0]
    assert stored["title"] == f"Race story, version {last} by {winner}"
    assert stored["autosaves"][loser] == f"Race story, version {last} by {loser}"
    assert stored["revisions"] == setup["revisions"] + TRIALS  # one per accepted save
