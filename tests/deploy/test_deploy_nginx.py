"""The nginx recipe in deploy/ caches anonymous pages and never a personal one.

Debian's nginx runs the recipe (rendered for loopback by deploy/loopback.py) in front
of gunicorn serving a throwaway SQLite site, and every answer is read through it.
"""

import re
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
from contextlib import ExitStack

import pytest

from deploy import loopback

SETUP = """
from django.contrib.auth.models import User
from django.test import Client
from tests.factories import make_article, make_image
picture = make_image(1600, 1000)
for slug in ("plain", "remembered", "staff", "pending", "written", "pictured"):
    make_article(slug=slug, title=f"Story {slug}", hero_image=picture)
client = Client()
client.force_login(User.objects.create_user("editor", is_staff=True))
print("session", client.cookies["sessionid"].value)
"""


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirect)


def fetch(url, cookie=None, data=None):
    """(status, headers, body) of one request; error statuses are answers too."""
    request = urllib.request.Request(url, data=data, headers={"Cookie": cookie} if cookie else {})
    try:
        with OPENER.open(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as response:
        return response.code, response.headers, response.read()


def proxy_status(url, cookie=None):
    return fetch(url, cookie=cookie)[1].get("X-Proxy-Cache", "")


WORKER_ENV = {}  # the site's environment, for its task worker


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    if not loopback.ensure_tools():
        pytest.skip("nginx is missing and cannot be installed here (run scripts/ensure-nginx)")
    work = tmp_path_factory.mktemp("nginx")
    var = work / "var"
    env = loopback.site_environment(  # a throwaway file cache, never a shared Redis
        DATABASE_URL=f"sqlite:///{work / 'site.sqlite3'}",
        STATIC_ROOT=var / "static",
        MEDIA_ROOT=var / "media",
        CACHE_DIR=work / "cache",
        ALLOWED_HOSTS="127.0.0.1",
        NUM_PROXIES="1",
        PAGE_CACHE="true",
    )
    for args in (["migrate", "--noinput"], ["collectstatic", "--noinput"], ["shell", "-c", SETUP]):
        done = subprocess.run(
            [sys.executable, "manage.py", *args], cwd=loopback.ROOT, env=env, check=True,
            capture_output=True, text=True, timeout=300,
        )  # fmt: skip
    session = done.stdout.split("session ", 1)[1].strip()
    app_port, proxy_port = loopback.free_port(), loopback.free_port()
    with ExitStack() as stack:
        stack.enter_context(loopback.gunicorn("doggydiary.wsgi", app_port, env, work / "app.log"))
        stack.enter_context(loopback.nginx(work, proxy_port, app_port, var))
        WORKER_ENV.update(env)
        yield f"http://127.0.0.1:{proxy_port}", var, work / "proxy-cache", session


def stored_keys(cache_dir):
    """The keys of every response nginx has written into its cache."""
    files = (path.read_bytes() for path in cache_dir.rglob("*") if path.is_file())
    return {match.decode() for data in files for match in re.findall(rb"\nKEY: ([^\n]*)", data)}


def test_an_anonymous_page_is_served_from_the_proxy_cache(site):
    base, _, cache_dir, _ = site
    for path in ("/story/plain/", "/", "/feed/"):
        first, second = fetch(base + path), fetch(base + path)
        assert first[0] == second[0] == 200
        assert (first[1]["X-Proxy-Cache"], second[1]["X-Proxy-Cache"]) == ("MISS", "HIT")
    assert "http127.0.0.1/story/plain/" in stored_keys(cache_dir)


@pytest.mark.parametrize(
    ("path", "cookie"),
    [
        ("/story/remembered/", "dd_commenter=anything"),
        ("/story/staff/", "theme=dark; sessionid={session}"),
        ("/story/pending/?pending=abc", None),
    ],
)
def test_a_personal_request_is_never_answered_from_or_stored_in_the_cache(site, path, cookie):
    """A staff member's session sets no cookie and the app marks the page public, so
    only the recipe's own rules keep it out of the cache."""
    base, _, cache_dir, session = site
    cookie = cookie and cookie.format(session=session)
    personal = [fetch(base + path, cookie=cookie) for _ in range(4)]
    assert [headers["X-Proxy-Cache"] for _, headers, _ in personal] == ["BYPASS"] * 4
    assert [headers["X-Page-Cache"] for _, headers, _ in personal] == ["bypass"] * 4
    assert f"http127.0.0.1{path}" not in stored_keys(cache_dir)
    anonymous = base + path.split("?")[0]
    assert [proxy_status(anonymous) for _ in range(2)] == ["MISS", "HIT"]
    assert proxy_status(base + path, cookie=cookie) == "BYPASS"


def test_a_post_is_never_served_from_or_stored_in_the_cache(site):
    base, _, cache_dir, _ = site
    url = base + "/story/written/"
    assert [proxy_status(url) for _ in range(2)] == ["MISS", "HIT"]
    for target in (url, url + "comments/"):
        for _ in range(3):
            _, headers, _ = fetch(target, data=b"body=hello")
            # nginx does not even look up a POST, so it reports no cache status at all.
            assert headers["X-Proxy-Cache"] is None
            assert headers["X-Page-Cache"] == "bypass"
    assert "http127.0.0.1/story/written/comments/" not in stored_keys(cache_dir)


def test_static_files_come_from_disk_with_a_long_lifetime(site):
    base, var, _, _ = site
    hashed = next((var / "static").glob("css/*.*.css"))
    status, headers, body = fetch(f"{base}/static/css/{hashed.name}")
    assert status == 200
    assert body == hashed.read_bytes()
    assert "immutable" in headers["Cache-Control"]
    assert "X-Page-Cache" not in headers
    assert "X-Proxy-Cache" not in headers


def test_a_missing_rendition_is_asked_of_the_worker_then_served_from_disk(site):
    base, _, _, _ = site
    page = fetch(base + "/story/pictured/")[2].decode()
    rendition = re.search(r"/media/renditions/[^\" ,]+\.webp", page).group(0)
    first = fetch(base + rendition)
    # Not on disk: the app queues it and sends the reader to the original meanwhile.
    assert first[0] == 302
    assert "/media/images/" in first[1]["Location"]
    assert fetch(base + first[1]["Location"].removeprefix(base))[0] == 200
    subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay"],
        cwd=loopback.ROOT, env=WORKER_ENV, check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    made = fetch(base + rendition)
    assert made[0] == 200
    assert made[2][8:12] == b"WEBP"
    assert "X-Page-Cache" not in made[1]  # from disk, by nginx
    assert "immutable" in made[1]["Cache-Control"]


def test_the_whole_recipe_with_its_tls_server_passes_nginx_check(tmp_path):
    openssl = shutil.which("openssl")
    if not loopback.ensure_tools() or not openssl:
        pytest.skip("nginx or openssl is missing")
    certificate = (tmp_path / "cert.pem", tmp_path / "key.pem")
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=doggydiary.example", "-out", certificate[0], "-keyout", certificate[1]],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    conf = loopback.render_nginx(tmp_path, loopback.free_port(), 8000, tmp_path, certificate)
    assert "ssl_certificate_key" in conf.read_text()
    checked = subprocess.run(
        [loopback.nginx_binary(), "-t", "-p", str(tmp_path), "-e", str(tmp_path / "error.log"),
         "-c", str(conf)], capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert checked.returncode == 0, checked.stderr
