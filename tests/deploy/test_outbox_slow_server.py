"""Two real mail workers (`manage.py run_worker`) and an SMTP server that takes 1.5 s a
message, with a lease shorter than a batch takes to send: every mail arrives once.

Before each send a worker renews its claim and checks the row is still its own, so a
batch that outlasts the lease is not freed and sent again by the other worker.
"""

import asyncio
import logging
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ..helpers import Collector, SMTPServer
from .test_concurrency import database_url, manage

ROOT = Path(__file__).resolve().parents[2]
MAILS = 40
SECONDS_PER_MAIL = 1.5
LEASE = 6

QUEUE_MAIL = f"""
from django.core.mail import send_mail
for n in range({MAILS}):
    send_mail(f"Message {{n}}", f"Body {{n}}", None, [f"reader{{n}}@example.com"])
"""


class SlowCollector(Collector):
    """A relay that greylists-and-thinks: each message takes SECONDS_PER_MAIL."""

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        await asyncio.sleep(SECONDS_PER_MAIL)
        return await super().handle_DATA(server, session, envelope)


@pytest.fixture
def slow_server():
    logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd's chatter
    server = SMTPServer()
    server.handler = SlowCollector()
    server.start()
    try:
        yield server
    finally:
        server.stop()


def run_workers(env, count):
    return [
        subprocess.Popen(
            [sys.executable, "manage.py", "run_worker", "--idle", "0.5"], cwd=ROOT, env=env
        )
        for _ in range(count)
    ]


def stop(workers):
    for worker in workers:
        worker.send_signal(signal.SIGTERM)
    for worker in workers:
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()


def test_two_workers_and_a_slow_server_send_each_mail_once(tmp_path, slow_server):
    url, drop = database_url(tmp_path)
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "CACHE_DIR": str(tmp_path / "cache"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "EMAIL_DELIVERY_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(slow_server.port),
        "EMAIL_TIMEOUT": "5",
        "MAIL_LEASE_SECONDS": str(LEASE),
    }
    try:
        manage(env, "migrate", "--noinput")
        manage(env, "shell", "-c", QUEUE_MAIL)
        workers = run_workers(env, 2)
        try:
            deadline = time.monotonic() + MAILS * SECONDS_PER_MAIL + 60
            while time.monotonic() < deadline:
                if len({m["Message-ID"] for m in slow_server.messages}) >= MAILS:
                    break
                time.sleep(0.5)
            time.sleep(LEASE + 2)  # long enough for a freed claim to be sent again
        finally:
            stop(workers)
    finally:
        if drop:
            drop()
    received = [m["Message-ID"] for m in slow_server.messages]
    duplicates = len(received) - len(set(received))
    print(f"2 workers, {MAILS} mails, {SECONDS_PER_MAIL} s each, {LEASE} s lease: "
          f"{len(received)} deliveries, {duplicates} duplicates")  # fmt: skip
    assert len(set(received)) == MAILS
    assert duplicates == 0
