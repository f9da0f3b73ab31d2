"""Plain helpers the tests import by name: reading pages, the admin's addresses, posting
comments as a browser does, search answers, loopback mail and S3 servers, the task worker,
and the browser tests' steps. Fixtures live in the conftest.py of the folder that uses them;
test data is made in factories.py."""

import email
import email.policy
import json
import re
import secrets
import socket
import time
from datetime import timedelta
from pathlib import Path

import boto3
import html5lib
from aiosmtpd.controller import Controller
from django.core import signing
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from html5lib.html5parser import ParseError
from playwright.sync_api import expect

from articles.models import Article
from comments.tokens import FORM_SALT


def parse_html(content):
    """Parse a page strictly with html5lib; any parse error fails the test."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    try:
        return parser.parse(content)
    except ParseError as error:
        line, col = parser.errors[-1][0] if parser.errors else (0, 0)
        lines = (
            content.decode().splitlines() if isinstance(content, bytes) else content.splitlines()
        )
        context = lines[line - 1] if 0 < line <= len(lines) else ""
        raise AssertionError(f"Invalid HTML at {line}:{col}: {error}\n{context}") from None


def json_ld(content):
    text = content.decode() if isinstance(content, bytes) else content
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', text, re.DOTALL)
    return [json.loads(block) for block in blocks]


def images(tree):
    return tree.findall(".//img")


# Public pages


def get_ok(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response


# The admin's addresses

ADD = reverse("admin:articles_article_add")
CHANGELIST = "admin:comments_comment_changelist"
MODERATE = "admin:comments_comment_moderate"


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def status_of(article):
    return Article.objects.get(pk=article.pk).status


# Posting comments the way a browser does


def shown_ago(seconds=60):
    """The form's signed 'shown at' token, as if the page was loaded ``seconds`` ago."""
    return signing.dumps(time.time() - seconds, salt=FORM_SALT)


def post_comment(client, article, headers=None, environ=None, **fields):
    data = {
        "body": "What a lovely story.",
        "name": "Jo Reader",
        "email": "jo@example.com",
        "website": "",
        "shown": shown_ago(),
        **fields,
    }
    data = {key: value for key, value in data.items() if value is not None}
    return client.post(
        reverse("comments:create", args=[article.slug]),
        data,
        headers={"origin": "http://testserver", **(headers or {})},
        **(environ or {}),
    )


# Search

on_postgres = connection.vendor == "postgresql"


def hours_ago(hours):
    return timezone.now() - timedelta(hours=hours)


def found(client, query, **params):
    """Slugs of the stories a reader finds for ``query``, in the order shown."""
    response = client.get(reverse("articles:search"), {"q": query, **params})
    assert response.status_code == 200, (query, response.status_code)
    page = response.context["page"]
    return [story.slug for story in page.object_list] if page else []


# What the demo magazine answers, on either database (the order may differ a little:
# ts_rank counts repeated words, SQLite only the fields a word is in). The winter
# coats guide is a draft.
DEMO_ANSWERS = {
    "kittens": [
        "kangaroo-and-possum-best-friends", "kitten-season-foster-appeal",
        "shelter-cat-welcome-committee",
    ],
    '"senior dogs"': [
        "biscuit-senior-dog-adopted", "dog-dental-health", "pepper-the-parrot-and-the-greyhound",
        "summer-heat-safety-checklist",
    ],
    "adoption -cats": [
        "bake-sale-re-roofs-kennels", "biscuit-senior-dog-adopted", "first-night-home-new-puppy",
        "pepper-the-parrot-and-the-greyhound",
    ],
    "fostering or fundraising": [
        "bake-sale-re-roofs-kennels", "biscuit-senior-dog-adopted",
        "kangaroo-and-possum-best-friends", "kitten-season-foster-appeal",
        "three-legged-collie-wins-agility-cup",
    ],
    "tobias": [
        "dog-dental-health", "first-night-home-new-puppy", "loose-lead-walking-without-tug-of-war",
        "puppy-health-calendar", "recall-training-five-steps", "summer-heat-safety-checklist",
    ],
    "bottle feeding": ["kangaroo-and-possum-best-friends", "kitten-season-foster-appeal"],
    "greyhound": ["pepper-the-parrot-and-the-greyhound"],
    "summer safety": ["summer-heat-safety-checklist"],
    "bus cat": ["marmalade-the-bus-cat"],
    '"tug of war"': ["loose-lead-walking-without-tug-of-war"],
    "winter coats": [],
    "vet -puppy": [
        "bake-sale-re-roofs-kennels", "dog-dental-health", "kitten-season-foster-appeal",
        "marmalade-the-bus-cat", "pepper-the-parrot-and-the-greyhound",
        "three-legged-collie-wins-agility-cup",
    ],
}  # fmt: skip


# A real SMTP server on loopback (aiosmtpd): ``messages`` holds what it received
# (email.message.Message objects); ``stop()`` takes it away (connections are refused)
# and ``start()`` brings it back on the same port.


class Collector:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append(message)
        return "250 OK"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SMTPServer:
    def __init__(self):
        self.handler = Collector()
        self.port = free_port()
        self.controller = None

    @property
    def messages(self):
        return self.handler.messages

    def to(self, address):
        return [m for m in self.messages if m["To"] == address]

    def start(self):
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


def text_of(message):
    """The plain-text part of a received message."""
    return message.get_body(preferencelist=("plain",)).get_content()


def html_of(message):
    return message.get_body(preferencelist=("html",)).get_content()


def link_in(message, fragment):
    """The first address in the message's text that contains ``fragment``, as a path."""
    for address in re.findall(r"https?://\S+", text_of(message)):
        if fragment in address:
            return address.replace("http://testserver", "")
    raise AssertionError(f"No link with {fragment!r} in:\n{text_of(message)}")


# A real S3-compatible server on loopback (moto in server mode)

ACCESS_KEY, SECRET_KEY, REGION = "testing", "testing", "us-east-1"


def public_read(bucket):
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": f"arn:aws:s3:::{bucket}/*",
            }
        ],
    }


class S3Server:
    """moto's S3 on a loopback port; ``new_bucket()`` gives each test its own bucket."""

    def __init__(self):
        from moto.server import ThreadedMotoServer

        self.port = free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}"
        self.server = ThreadedMotoServer(ip_address="127.0.0.1", port=self.port, verbose=False)
        self.server.start()

    def client(self):
        return boto3.client(
            "s3", endpoint_url=self.endpoint, region_name=REGION,
            aws_access_key_id=ACCESS_KEY, aws_secret_access_key=SECRET_KEY,
        )  # fmt: skip

    def new_bucket(self):
        """A bucket whose files anyone may read, as docs/scaling-out.md sets one up."""
        name = f"dd-{secrets.token_hex(6)}"
        client = self.client()
        client.create_bucket(Bucket=name)
        client.put_bucket_policy(Bucket=name, Policy=json.dumps(public_read(name)))
        return name

    def keys(self, bucket, prefix=""):
        pages = (
            self.client().get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix)
        )
        return sorted(item["Key"] for page in pages for item in page.get("Contents", []))

    def environment(self, bucket):
        """The environment an operator sets (doggydiary/settings.py reads it)."""
        return {
            "AWS_STORAGE_BUCKET_NAME": bucket,
            "AWS_S3_ENDPOINT_URL": self.endpoint,
            "AWS_ACCESS_KEY_ID": ACCESS_KEY,
            "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
            "AWS_S3_REGION_NAME": REGION,
        }

    def stop(self):
        self.server.stop()


# Pictures as readers get them once the task worker has made the renditions


def run_task_worker():
    """``manage.py db_worker`` until the queue is empty, as `make run` runs it."""
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


def get_made(client, url):
    """GET a rendition's address; one not made yet sends the reader to the original
    and queues it, so run the worker and ask again."""
    response = client.get(url)
    if response.status_code == 302:
        run_task_worker()
        response = client.get(url)
    return response


# Steps and checks the browser tests share

AXE = Path(__file__).resolve().parents[1] / "node_modules" / "axe-core" / "axe.min.js"


def log_in(page, base_url, username, password):
    """Sign in to the admin through its login form, as a person would."""
    page.goto(base_url + reverse("admin:login"))
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    expect(page.locator("#user-tools")).to_be_visible()  # signed in, on the next page


def scroll_through(page):
    """Scroll down the page and wait for every image, lazy ones included, to load;
    a picture that fails to load fails the test."""
    page.evaluate(
        """async () => {
            for (let y = 0; y < document.body.scrollHeight; y += 600) {
                window.scrollTo(0, y);
                await new Promise(r => requestAnimationFrame(r));
            }
            await Promise.all([...document.images].map(img => {
                img.loading = "eager";
                return img.decode().catch(() => null);
            }));
        }"""
    )
    broken = page.evaluate("[...document.images].filter(i => i.naturalWidth === 0).map(i => i.src)")
    assert broken == []


def axe_violations(page, rules):
    """Run axe-core on the page as it is now; each violation with its first nodes."""
    assert AXE.exists(), "axe-core is missing: run ./scripts/ensure-browser"
    # Runtime evaluation is not subject to the page's CSP, which rightly
    # refuses injected <script> elements.
    page.evaluate(AXE.read_text())
    result = page.evaluate(f"axe.run(document, {{runOnly: {json.dumps(rules)}}})")
    return [
        {"id": v["id"], "nodes": [n["target"] for n in v["nodes"]][:3]}
        for v in result["violations"]
    ]
