"""gunicorn's access log (gunicorn.conf.py; issue 12, item 14): no client address, and
no secret from an address (the ?pending= link, token-like query values, signed path
segments, in the request line and in the Referer). The console mail backend prints
only headers in production."""

import contextlib
import runpy
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.mail import EmailMessage, get_connection

from deploy.loopback import free_port, running

ROOT = Path(__file__).resolve().parents[2]
CONFIG = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
redact_url, redact_query = CONFIG["redact_url"], CONFIG["redact_query"]

SECRET = "eyJpZCI6NDJ9:1vMaBc:Zx9-secretsignature"


@pytest.mark.parametrize(
    ("raw", "logged"),
    [
        ("/story/a/?pending=" + SECRET, "/story/a/?pending=REDACTED"),
        ("/story/a/?cpage=2&pending=" + SECRET, "/story/a/?cpage=2&pending=REDACTED"),
        ("/search/?q=dogs&page=2", "/search/?q=dogs&page=2"),
        ("/x/?token=1&access_token=2", "/x/?token=REDACTED&access_token=REDACTED"),
        ("/x/?Pending=4", "/x/?Pending=REDACTED"),
        ("/x/?api-key=3&q=4", "/x/?api-key=REDACTED&q=4"),
        ("/x/?%70ending=" + SECRET, "/x/?%70ending=REDACTED"),
        ("/mail/unsubscribe/" + SECRET + "/", "/mail/unsubscribe/REDACTED/"),
        ("/mail/unsubscribe/eyJ9%3A1vM%3Asig/", "/mail/unsubscribe/REDACTED/"),
        ("https://doggydiary.example/story/a/?pending=" + SECRET, "https://doggydiary.example/story/a/?pending=REDACTED"),
        ("/story/a-long-story-slug-with-many-words/", "/story/a-long-story-slug-with-many-words/"),
        ("/x/?pending", "/x/?pending"),
    ],
)  # fmt: skip
def test_redact_url(raw, logged):
    assert redact_url(raw) == logged


def test_atoms_lose_addresses_and_secrets():
    atoms = {
        "h": "203.0.113.9",
        "r": f"GET /story/a/?pending={SECRET} HTTP/1.1",
        "q": f"pending={SECRET}",
        "U": "/story/a/",
        "f": f"https://doggydiary.example/story/a/?pending={SECRET}",
        "a": "Mozilla/5.0",
        "{x-forwarded-for}i": "203.0.113.9",
        "{cookie}i": "dd_commenter=abc",
        "{remote_addr}e": "203.0.113.9",
        "{query_string}e": f"pending={SECRET}",
    }
    cleaned = CONFIG["clean_atoms"](dict(atoms))
    text = repr(cleaned)
    assert "203.0.113" not in text
    assert SECRET not in text
    assert "dd_commenter" not in text
    assert cleaned["r"] == "GET /story/a/?pending=REDACTED HTTP/1.1"
    assert cleaned["a"] == "Mozilla/5.0"


ECHO_APP = """
def app(environ, start_response):
    body = environ["wsgi.url_scheme"].encode()
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", str(len(body)))])
    return [body]
"""


def raw_get(port, target, headers):
    """One request exactly as written (urllib would tidy the target)."""
    lines = [f"GET {target} HTTP/1.1", f"Host: 127.0.0.1:{port}", "Connection: close"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    return answer.decode().split("\r\n\r\n", 1)[1]


@pytest.mark.parametrize("behind_proxy", [False, True])
def test_a_real_gunicorn(tmp_path, behind_proxy):
    """gunicorn started the way `make run` starts it: with --config gunicorn.conf.py."""
    (tmp_path / "echo_app.py").write_text(ECHO_APP)
    port, log = free_port(), tmp_path / "access.log"
    env = {"PATH": "/usr/bin:/bin", "BEHIND_TLS_PROXY": "true" if behind_proxy else "false"}
    args = [
        str(Path(sys.executable).with_name("gunicorn")), "echo_app:app",
        "--config", str(ROOT / "gunicorn.conf.py"), "--pythonpath", str(tmp_path),
        "--bind", f"127.0.0.1:{port}", "--workers", "1", "--access-logfile", str(log),
    ]  # fmt: skip
    with running(args, ready_url=f"http://127.0.0.1:{port}/", log=tmp_path / "gunicorn.log",
                 env=env, cwd=tmp_path):  # fmt: skip
        scheme = raw_get(
            port,
            f"/story/a/?cpage=2&pending={SECRET}",
            {
                "X-Forwarded-Proto": "https",
                "X-Forwarded-For": "203.0.113.9",
                "Referer": f"http://127.0.0.1:{port}/story/a/?pending={SECRET}",
            },
        )
        deadline = time.monotonic() + 10
        while "cpage" not in log.read_text() and time.monotonic() < deadline:
            time.sleep(0.05)
    # gunicorn believes a client's X-Forwarded-Proto only behind the TLS proxy.
    assert scheme == ("https" if behind_proxy else "http")
    line = [entry for entry in log.read_text().splitlines() if "cpage" in entry][0]
    assert SECRET not in line
    assert "127.0.0.1 " not in line.split('"')[0]
    assert "203.0.113.9" not in line
    assert '"GET /story/a/?cpage=2&pending=REDACTED HTTP/1.1" 200' in line
    assert f'"http://127.0.0.1:{port}/story/a/?pending=REDACTED"' in line


def test_each_gunicorn_has_its_own_control_socket_or_none(tmp_path):
    """By default gunicorn announces one control socket per user, the same for every
    instance on the machine; ours has none unless GUNICORN_CONTROL_SOCKET names it."""
    (tmp_path / "echo_app.py").write_text(ECHO_APP)
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    sockets = [tmp_path / "first.ctl", None]
    ports = [free_port(), free_port()]
    with contextlib.ExitStack() as stack:
        for n, (port, named) in enumerate(zip(ports, sockets, strict=True)):
            env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}  # no XDG_RUNTIME_DIR
            if named:
                env["GUNICORN_CONTROL_SOCKET"] = str(named)
            args = [
                gunicorn, "echo_app:app", "--config", str(ROOT / "gunicorn.conf.py"),
                "--pythonpath", str(tmp_path), "--bind", f"127.0.0.1:{port}", "--workers", "1",
            ]  # fmt: skip
            stack.enter_context(
                running(
                    args,
                    ready_url=f"http://127.0.0.1:{port}/",
                    log=tmp_path / f"gunicorn-{n}.log",
                    env=env,
                    cwd=tmp_path,
                )  # fmt: skip
            )
        deadline = time.monotonic() + 10
        while not sockets[0].exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert sockets[0].is_socket()
        assert not (tmp_path / ".gunicorn").exists()  # the shared default, unused


def test_console_mail_prints_headers_only_in_production(settings, capsys):
    settings.DEBUG = False
    message = EmailMessage(
        "Comment awaiting moderation", "Jo wrote: my secret text", "site@example.com",
        ["moderator@example.com"],
    )  # fmt: skip
    get_connection("doggydiary.mail_console.EmailBackend").send_messages([message])
    printed = capsys.readouterr().out
    assert "Subject: Comment awaiting moderation" in printed
    assert "my secret text" not in printed
    assert "moderator@example.com" not in printed
    assert "m***@example.com" in printed

    settings.DEBUG = True
    get_connection("doggydiary.mail_console.EmailBackend").send_messages([message])
    assert "my secret text" in capsys.readouterr().out


def test_it_is_the_default_delivery_backend_without_smtp():
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); from django.conf import "
         "settings; print(settings.EMAIL_DELIVERY_BACKEND)"],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "doggydiary.settings",
             "SECRET_KEY": "x" * 50},
    )  # fmt: skip
    assert result.stdout.strip() == "doggydiary.mail_console.EmailBackend", result.stderr
