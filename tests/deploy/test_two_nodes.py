"""Two application machines for real, as docs/scaling-out.md sets them up: moto's S3
server for the media, one PostgreSQL database, Redis, two gunicorns with their own
var/ folders, two mail workers, and Debian's nginx with both as upstreams.

What an operator tried by hand: a picture uploaded on A shows through B and through
nginx, renditions too once a task worker has run; a comment approved on A shows
through B; two mail workers send each mail once; /healthz is honest on both; with A
stopped the site is still up through nginx. Skipped where PostgreSQL, Redis or nginx
is missing. Run alone with `make test-nodes`.
"""

import io
import os
import re
import secrets
import shutil
import subprocess
import sys
import time
import urllib.parse
from contextlib import ExitStack

import pytest
import requests
from django.urls import reverse
from PIL import Image as PILImage

from deploy import loopback

from ..helpers import S3Server, SMTPServer

pytestmark = pytest.mark.nodes

POSTGRES = "postgres://postgres@127.0.0.1:5432/"
REDIS = "redis://127.0.0.1:6379/5"  # issue 21's database number on the shared Redis
PASSWORD = secrets.token_urlsafe(16)
MAILS = 40

SETUP = f"""
from django.contrib.auth.models import User
from comments.models import Comment
from tests.factories import make_article, make_comment
User.objects.create_superuser("chief", "chief@example.com", {PASSWORD!r})
story = make_article(slug="two-nodes", title="Two machines, one story")
comment = make_comment(story, body="Seen from every machine.", status=Comment.Status.PENDING)
print("comment", comment.pk)
"""

HERO = """
from articles.models import Article
story = Article.objects.get(slug="two-nodes")
story.hero_image_id = {}
story.save()
"""

SEND = f"""
from django.core.mail import send_mail
for number in range({MAILS}):
    send_mail(f"Mail {{number}}", "Hello.", None, [f"reader{{number}}@example.com"])
"""


def reachable(url):
    import psycopg
    import redis

    try:
        psycopg.connect(url + "postgres", connect_timeout=2).close()
        redis.Redis.from_url(REDIS, socket_connect_timeout=1, socket_timeout=1).ping()
    except (psycopg.Error, redis.RedisError):
        return False
    return True


def manage(env, *args):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=loopback.ROOT, env=env, check=True,
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip


def node_env(base, work, name):
    var = work / name / "var"
    return {**base, "VAR_DIR": str(var), "STATIC_ROOT": str(var / "static")}


class Cluster:
    def __init__(self, stack, work):
        self.stack, self.work = stack, work
        self.s3 = S3Server()
        stack.callback(self.s3.stop)
        self.bucket = self.s3.new_bucket()
        self.smtp = SMTPServer()
        self.smtp.start()
        stack.callback(self.smtp.stop)
        self.database = f"dd_i21_nodes_{secrets.token_hex(4)}"
        self.sql(f'CREATE DATABASE "{self.database}"')
        stack.callback(self.sql, f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')
        self.env = {
            **os.environ,
            **self.s3.environment(self.bucket),
            "SECRET_KEY": secrets.token_urlsafe(50),  # one key for every machine
            "DATABASE_URL": POSTGRES + self.database,
            "REDIS_URL": REDIS,
            "CACHE_KEY_PREFIX": f"dd-i21-nodes-{secrets.token_hex(4)}",
            "ALLOWED_HOSTS": "127.0.0.1",
            "NUM_PROXIES": "1",
            "PAGE_CACHE": "true",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(self.smtp.port),
            "SITE_URL": "",
        }
        self.ports = {"a": loopback.free_port(), "b": loopback.free_port()}
        self.proxy_port = loopback.free_port()
        self.servers = {}

    def sql(self, statement):
        import psycopg

        with psycopg.connect(POSTGRES + "postgres", autocommit=True) as connection:
            connection.execute(statement)

    def url(self, name):
        port = self.proxy_port if name == "nginx" else self.ports[name]
        return f"http://127.0.0.1:{port}"

    def start(self):
        env_a = node_env(self.env, self.work, "a")
        manage(env_a, "migrate", "--noinput")
        self.comment = int(manage(env_a, "shell", "-c", SETUP).stdout.split("comment ")[1])
        manage(env_a, "collectstatic", "--noinput")
        # The same release on B: its own var/, with the same collected files.
        shutil.copytree(self.work / "a" / "var" / "static", self.work / "b" / "var" / "static")
        for name in self.ports:
            env = node_env(self.env, self.work, name)
            log = self.work / f"gunicorn-{name}.log"
            server = loopback.gunicorn("doggydiary.wsgi", self.ports[name], env, log)
            self.servers[name] = self.stack.enter_context(server)
        static = self.work / "a" / "var"
        self.stack.enter_context(
            loopback.nginx(self.work, self.proxy_port, list(self.ports.values()), static)
        )
        for name in self.ports:
            self.start_mail_worker(node_env(self.env, self.work, name), name)

    def start_mail_worker(self, env, name):
        log = open(self.work / f"mail-{name}.log", "ab")  # noqa: SIM115 - closed by the stack
        self.stack.callback(log.close)
        args = [sys.executable, "manage.py", "run_worker", "--idle", "0.2"]
        worker = subprocess.Popen(args, cwd=loopback.ROOT, env=env, stdout=log, stderr=log)  # noqa: S603
        self.stack.callback(worker.wait, 15)
        self.stack.callback(worker.terminate)

    def run_task_worker(self, name):
        env = node_env(self.env, self.work, name)
        manage(env, "db_worker", "--batch", "--no-startup-delay")

    def stop(self, name):
        server = self.servers.pop(name)
        server.terminate()
        server.wait(15)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    if not loopback.ensure_tools():
        pytest.skip("nginx is missing and cannot be installed here (run scripts/ensure-nginx)")
    if not reachable(POSTGRES):
        pytest.skip("PostgreSQL at 127.0.0.1:5432 and Redis at 127.0.0.1:6379 are needed")
    with ExitStack() as stack:
        cluster = Cluster(stack, tmp_path_factory.mktemp("nodes"))
        cluster.start()
        yield cluster


def signed_in(cluster):
    """An admin session, signed in through nginx on its own port (its Host keeps it)."""
    browser = requests.Session()
    login = cluster.url("nginx") + reverse("admin:login")
    page = browser.get(login, timeout=30).text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    response = browser.post(
        login,
        {
            "username": "chief",
            "password": PASSWORD,
            "csrfmiddlewaretoken": token,
            "next": "/admin/",
        },
        headers={"Origin": cluster.url("nginx"), "Referer": login},
        allow_redirects=False,
        timeout=30,
    )
    assert response.status_code == 302, response.text[:500]
    return browser


def photo():
    out = io.BytesIO()
    PILImage.new("RGB", (900, 600), (30, 140, 90)).save(out, "PNG")
    return out.getvalue()


def story(cluster, name):
    response = requests.get(cluster.url(name) + "/story/two-nodes/", timeout=30)
    assert response.status_code == 200, (name, response.status_code)
    return response.text


def test_two_machines_behind_nginx(cluster):
    browser = signed_in(cluster)
    csrf = {"X-CSRFToken": browser.cookies["csrftoken"]}

    # A picture uploaded on A: in the bucket at once, the request not waiting on renditions.
    upload = cluster.url("a") + reverse("admin:articles_article_picture_upload")
    response = browser.post(
        upload, data={"alt": "Two dogs on a pier"}, files={"file": ("pier.png", photo())},
        headers=csrf, timeout=60,
    )  # fmt: skip
    assert response.status_code == 201, response.text
    picture = response.json()["picture"]
    assert cluster.s3.keys(cluster.bucket, "renditions/") == []
    manage(node_env(cluster.env, cluster.work, "a"), "shell", "-c", HERO.format(picture["id"]))

    # B and nginx show it at once: the original from the bucket, in a hero's box.
    for name in ("b", "nginx"):
        page = story(cluster, name)
        assert f'src="{picture["src"]}"' in page
        assert "picture-pending--hero" in page
    assert requests.get(picture["src"], timeout=30).status_code == 200

    # A task worker (on B) makes the renditions; every machine links them from then on.
    cluster.run_task_worker("b")
    for name in ("a", "b", "nginx"):
        page = story(cluster, name)
        if name == "nginx":  # its micro-cache keeps a page one second, then refreshes it
            deadline = time.monotonic() + 10
            while "picture-pending" in page and time.monotonic() < deadline:
                time.sleep(0.5)
                page = story(cluster, name)
        assert "picture-pending" not in page, name
        sources = re.findall(r'srcset="([^"]+)"', page)
        assert sources, name
        assert all(s.startswith(cluster.s3.endpoint) for s in sources), name
    avif = re.search(r'<source type="image/avif" srcset="([^" ]+)', page).group(1)
    served = requests.get(avif, timeout=30)
    assert served.status_code == 200
    assert served.headers["Content-Type"] == "image/avif"

    # A comment approved on A shows through B and nginx.
    assert "Seen from every machine." not in story(cluster, "b")
    moderate = cluster.url("a") + reverse("admin:comments_comment_moderate")
    response = browser.post(
        moderate, data={"approve": cluster.comment}, headers=csrf, allow_redirects=False,
        timeout=30,
    )  # fmt: skip
    assert response.status_code == 302, response.text[:500]
    assert "Seen from every machine." in story(cluster, "b")

    # Two mail workers, each mail delivered once.
    manage(node_env(cluster.env, cluster.work, "b"), "shell", "-c", SEND)
    deadline = time.monotonic() + 60
    while len(cluster.smtp.messages) < MAILS and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(1)  # a second delivery would have arrived by now
    recipients = sorted(message["To"] for message in cluster.smtp.messages)
    assert recipients == sorted(f"reader{number}@example.com" for number in range(MAILS))

    # /healthz: ok on both; both say so when the bucket loses the newest picture.
    for name in ("a", "b"):
        health = requests.get(cluster.url(name) + "/healthz", timeout=30)
        assert health.status_code == 200, name
        assert health.json()["checks"]["media"] == "ok", name
    original = urllib.parse.urlsplit(picture["src"]).path.split("/", 2)[2]
    kept = cluster.s3.client().get_object(Bucket=cluster.bucket, Key=original)["Body"].read()
    cluster.s3.client().delete_object(Bucket=cluster.bucket, Key=original)
    for name in ("a", "b"):
        health = requests.get(cluster.url(name) + "/healthz", timeout=30)
        assert health.status_code == 503, name
        assert health.json()["failed"] == ["media"], name
    cluster.s3.client().put_object(Bucket=cluster.bucket, Key=original, Body=kept)

    # A stopped: every request through nginx is still answered, by B.
    cluster.stop("a")
    for path in ["/", "/story/two-nodes/", "/healthz", "/robots.txt"] * 3:
        response = requests.get(cluster.url("nginx") + path, timeout=30)
        assert response.status_code == 200, (path, response.status_code)
    assert browser.get(cluster.url("nginx") + "/admin/", timeout=30).status_code == 200
