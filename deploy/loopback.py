"""The deploy recipe run on loopback: gunicorn and Debian's nginx on free ports, for
the proxy test (tests/deploy/test_deploy_nginx.py) and ``make bench``.

``render_nginx`` keeps the recipe's cache zone, maps, upstream and locations exactly
as written and swaps only its placeholders, with one plain-HTTP server on 127.0.0.1
in place of the TLS and redirect servers.
"""

import contextlib
import getpass
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
# The same gunicorn for every target of a measurement: only the application differs.
GUNICORN_OPTIONS = ("--workers", "2", "--worker-class", "sync", "--log-level", "warning",
                    "--graceful-timeout", "3", "--forwarded-allow-ips", "127.0.0.1")  # fmt: skip
PLACEHOLDERS = ("/var/cache/nginx/doggydiary", "127.0.0.1:8000", "/srv/doggydiary/var")
TLS_PLACEHOLDERS = (
    "/etc/letsencrypt/live/doggydiary.example/fullchain.pem",
    "/etc/letsencrypt/live/doggydiary.example/privkey.pem",
    "/etc/nginx/snippets/doggydiary-locations.conf",
)

MAIN_CONF = """\
daemon off;
worker_processes auto;
pid @WORK@/nginx.pid;
error_log @WORK@/nginx-error.log warn;
@USER@
events { worker_connections 1024; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    access_log off;
    client_body_temp_path @WORK@/nginx-tmp/body;
    proxy_temp_path @WORK@/nginx-tmp/proxy;
    fastcgi_temp_path @WORK@/nginx-tmp/fastcgi;
    uwsgi_temp_path @WORK@/nginx-tmp/uwsgi;
    scgi_temp_path @WORK@/nginx-tmp/scgi;
@HTTP@
    server {
        listen 127.0.0.1:@PORT@;
        server_name _;
        include @WORK@/nginx-locations.conf;
    }
}
"""


# What a child process takes from the caller's shell: only what it needs to find
# programs, files and the secret key. Every setting the site reads (REDIS_URL,
# DATABASE_URL, PAGE_CACHE, ...) is the caller's to give, so a test means the same
# whatever the shell that runs it has exported.
INHERITED = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "SECRET_KEY", "SECRET_KEY_FILE")


def site_environment(**values):
    """An environment for the site in a child process: ``values`` and little else."""
    env = {name: os.environ[name] for name in INHERITED if name in os.environ}
    env["DJANGO_SETTINGS_MODULE"] = "doggydiary.settings"
    env.update({name: str(value) for name, value in values.items()})
    return env


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def nginx_binary():
    found = shutil.which("nginx") or "/usr/sbin/nginx"
    return found if os.access(found, os.X_OK) else None


def ensure_tools(wrk=False):
    """Install nginx (and wrk) with scripts/ensure-nginx when missing; True if nginx is here."""
    if nginx_binary() is None or (wrk and shutil.which("wrk") is None):
        args = [str(ROOT / "scripts" / "ensure-nginx")] + (["--wrk"] if wrk else [])
        subprocess.run(args, check=False, timeout=600)  # noqa: S603
    return nginx_binary() is not None


def render_nginx(workdir, port, upstream_port, var_dir, certificate=None):
    """Write nginx's configuration for one loopback run into ``workdir``; return its path.
    ``upstream_port`` is one gunicorn's port, or a list of them (several machines).
    With ``certificate`` (a certificate and key file) the recipe's own redirect and TLS
    servers are kept too, for ``nginx -t``."""
    workdir = Path(workdir)
    recipe = (DEPLOY / "nginx.conf").read_text()
    http_part, servers = recipe.split("\nserver {", 1)  # cache zone, maps, upstream | servers
    locations = (DEPLOY / "nginx-locations.conf").read_text()
    ports = [upstream_port] if isinstance(upstream_port, int) else list(upstream_port)
    values = (str(workdir / "proxy-cache"), f"127.0.0.1:{ports[0]}", str(var_dir))
    for placeholder, value in zip(PLACEHOLDERS, values, strict=True):
        if placeholder not in http_part + locations:
            raise ValueError(f"deploy/nginx*.conf no longer has the placeholder {placeholder}")
        http_part = http_part.replace(placeholder, value)
        locations = locations.replace(placeholder, value)
    http_part = _more_upstreams(http_part, ports)
    if certificate:
        files = (*certificate, workdir / "nginx-locations.conf")
        for placeholder, value in zip(TLS_PLACEHOLDERS, files, strict=True):
            servers = servers.replace(placeholder, str(value))
        http_part += "\nserver {" + servers
    for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (workdir / "nginx-tmp" / name).mkdir(parents=True, exist_ok=True)
    (workdir / "nginx-locations.conf").write_text(locations)
    # As root, nginx's workers would drop to "nobody" and could not read a private
    # temporary directory; they run as whoever runs this instead.
    user = f"user {getpass.getuser()};" if os.geteuid() == 0 else ""
    main = MAIN_CONF.replace("@HTTP@", http_part).replace("@USER@", user)
    main = main.replace("@WORK@", str(workdir)).replace("@PORT@", str(port))
    path = workdir / "nginx.conf"
    path.write_text(main)
    return path


def _more_upstreams(http_part, ports):
    """The recipe's upstream line once per application port (several machines)."""
    first = f"    server 127.0.0.1:{ports[0]}"
    line = next(line for line in http_part.splitlines() if line.startswith(first))
    others = [line.replace(f":{ports[0]}", f":{port}") for port in ports[1:]]
    return http_part.replace(line, "\n".join([line, *others]), 1)


def wait_until_serving(url, process, log, timeout=60):
    """Wait for any HTTP answer from ``url``; fail with the log if the server died."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url} did not start:\n{Path(log).read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - loopback only
                return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} gave no answer in {timeout} s")


@contextlib.contextmanager
def running(args, *, ready_url, log, env=None, cwd=ROOT):
    """Run a server for the duration of the block; it is always stopped afterwards."""
    with open(log, "ab") as output:
        process = subprocess.Popen(args, cwd=cwd, env=env, stdout=output, stderr=output)  # noqa: S603
    try:
        wait_until_serving(ready_url, process, log)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def gunicorn(app, port, env, log, pythonpath=None, ready_path="/robots.txt"):
    """gunicorn with GUNICORN_OPTIONS serving ``app`` on 127.0.0.1:``port``."""
    args = [str(Path(sys.executable).with_name("gunicorn")), app, "--bind", f"127.0.0.1:{port}"]
    args += [*GUNICORN_OPTIONS, *(["--pythonpath", str(pythonpath)] if pythonpath else [])]
    return running(args, ready_url=f"http://127.0.0.1:{port}{ready_path}", log=log, env=env)


def nginx(workdir, port, upstream_port, var_dir):
    """Debian's nginx with the rendered recipe on 127.0.0.1:``port``."""
    conf = render_nginx(workdir, port, upstream_port, var_dir)
    error_log = Path(workdir) / "nginx-error.log"
    args = [nginx_binary(), "-p", str(workdir), "-e", str(error_log), "-c", str(conf)]
    return running(args, ready_url=f"http://127.0.0.1:{port}/robots.txt", log=error_log)
