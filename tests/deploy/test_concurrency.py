"""Concurrent comments through the real stack lose nothing.

gunicorn with several worker processes serves the site from a real database
(a SQLite file, or PostgreSQL when DATABASE_URL points there), and threads post
comments at the same moment over loopback. Every one must be stored.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from deploy.loopback import site_environment

ROOT = Path(__file__).resolve().parents[2]
THREADS = 12
PER_THREAD = 4


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url(tmp_path):
    """A fresh database of the kind this test run uses."""
    configured = os.environ.get("DATABASE_URL", "")
    if not configured.startswith(("postgres://", "postgresql://")):
        return f"sqlite:///{tmp_path / 'concurrency.sqlite3'}", None
    import psycopg

    parts = urllib.parse.urlsplit(configured)
    name = f"doggydiary_concurrency_{uuid.uuid4().hex[:8]}"
    admin = dict(host=parts.hostname, port=parts.port or 5432, user=parts.username or "",
                 password=parts.password or "", dbname="postgres", autocommit=True)  # fmt: skip
    with psycopg.connect(**admin) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')

    def drop():
        with psycopg.connect(**admin) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return parts._replace(path=f"/{name}").geturl(), drop


def manage(env, *args):
    subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True,
        capture_output=True, timeout=300,
    )  # fmt: skip


@pytest.fixture
def server(tmp_path):
    url, drop = database_url(tmp_path)
    port = free_port()
    env = site_environment(
        DATABASE_URL=url,
        MEDIA_ROOT=tmp_path / "media",
        CACHE_DIR=tmp_path / "cache",
        STATIC_ROOT=tmp_path / "static",
        COMMENT_MIN_SECONDS=0,
        COMMENT_RATE_LIMIT=0,
        ALLOWED_HOSTS="127.0.0.1",
    )
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    manage(env, "shell", "-c", SETUP_STORY)
    gunicorn = Path(sys.executable).with_name("gunicorn")
    process = subprocess.Popen(
        [str(gunicorn), "doggydiary.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "4",
         "--threads", "2", "--log-level", "warning", "--graceful-timeout", "3"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/robots.txt", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        yield base, env
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if drop:
            drop()


SETUP_STORY = """
from tests.factories import make_article
make_article(slug="busy-story", title="Busy story")
"""


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def post(base, n):
    # The form's time, asked for as site.js does (the kept page carries none).
    token = urllib.request.urlopen(base + "/comments/shown/", timeout=30).read().decode()
    data = urllib.parse.urlencode(
        {
            "body": f"Comment number {n}, all different.",
            "name": f"Reader {n}",
            "email": f"reader{n}@example.com",
            "shown": token,
        }  # fmt: skip
    ).encode()
    request = urllib.request.Request(
        base + "/story/busy-story/comments/", data=data, headers={"Origin": base}
    )
    opener = urllib.request.build_opener(NoRedirect)
    try:
        opener.open(request, timeout=60)
    except urllib.error.HTTPError as response:
        return response.code
    return 200


def test_concurrent_comments_are_all_stored(server):
    base, env = server
    total = THREADS * PER_THREAD
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        codes = list(pool.map(lambda n: post(base, n), range(total)))
    assert codes == [303] * total
    counted = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c",
         "from comments.models import Comment; print(Comment.objects.count(), "
         "len(set(Comment.objects.values_list('body', flat=True))))"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    assert counted.stdout.strip().splitlines()[-1].split() == [str(total), str(total)]
