"""Throughput of Doggy Diary's pages beside the framework floor, with a real load generator.

One run builds a throwaway SQLite site (the demo magazine plus a story of about 1,000
words with 40 approved comments) and starts every server under the same gunicorn
settings (deploy/loopback.py: 2 sync workers on loopback): a bare Django hello-world
(scripts/floor/), the site with its page and fragment caches, the site with both off
(every request rendered in full, as the first one after a change is), and Debian's
nginx running deploy/nginx.conf in front of the first. wrk (16 connections, 2 threads)
measures each target in turn, in alternating rounds; the table gives the median and
range. Figures, not pass/fail.
"""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from contextlib import ExitStack
from http.client import HTTPConnection
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from deploy import loopback  # noqa: E402 - needs the project root on the path first

WORDPRESS = 13  # req/s: WordPress 6.1 without a page cache, as measured in issue 9
STORY_WORDS, STORY_COMMENTS = 1000, 40
CONNECTIONS, THREADS = 16, 2


def build_site(workdir):
    """Migrate and fill a throwaway site; return the long story's path, its section's,
    and the signed "remember me" cookie that makes every request for them render."""
    os.environ.update(
        DATABASE_URL=f"sqlite:///{workdir / 'bench.sqlite3'}",
        MEDIA_ROOT=str(workdir / "var" / "media"),
        STATIC_ROOT=str(workdir / "var" / "static"),
        CACHE_DIR=str(workdir / "cache"),
        ALLOWED_HOSTS="127.0.0.1",
        SITE_URL="http://127.0.0.1",  # as in production (required there) and make run
        NUM_PROXIES="1",
        DEBUG="false",
        PAGE_CACHE="true",
        DJANGO_SETTINGS_MODULE="doggydiary.settings",
    )
    os.environ.pop("REDIS_URL", None)  # a throwaway file cache, never a shared Redis
    import django

    django.setup()
    from django.core import signing
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("load_demo", verbosity=0)
    call_command("load_demo_comments", verbosity=0)
    story = long_story_with_comments()
    from comments import tokens

    remembered = {"name": "Bench Reader", "email": "bench@example.com", "website": "", "key": "k"}
    cookie = signing.dumps(remembered, salt=tokens.COOKIE_SALT, compress=True)
    section = story.category.get_absolute_url()
    return story.get_absolute_url(), section, f"{tokens.COOKIE_NAME}={cookie}"


def long_story_with_comments():
    """The first demo story, lengthened to STORY_WORDS words from the other stories'
    bodies, with STORY_COMMENTS approved comments (every third one a reply)."""
    from articles.demo import read_catalogue
    from articles.models import Article
    from comments.models import Comment

    stories = list(Article.objects.published().order_by("-publish_at"))
    story, body = stories[0], stories[0].body
    for other in stories[1:]:
        if len(re.sub(r"<[^>]+>", " ", body).split()) >= STORY_WORDS:
            break
        body += other.body
    story.body = body
    story.save()
    samples = [item for entry in read_catalogue()["stories"] for item in entry.get("comments", [])]
    parent = None
    for n in range(story.comments.count(), STORY_COMMENTS):
        sample = samples[n % len(samples)]
        parent = Comment.objects.create(
            article=story, parent=parent if n % 3 == 2 else None, name=f"Reader {n}",
            email=f"reader{n}@example.com", body=sample["body"], status=Comment.Status.APPROVED,
        )  # fmt: skip
    return story


def wrk(url, seconds, header):
    args = ["wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{seconds}s", "--timeout", "10s", url]
    args += ["-H", header] if header else []
    out = subprocess.run(args, capture_output=True, text=True, timeout=seconds + 60).stdout  # noqa: S603
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rate, int(bad.group(1)) if bad else 0


def python_load(url, seconds, header):
    """A bounded stand-in for wrk: CONNECTIONS threads in a loop (slower than wrk, so
    the fastest targets read low)."""
    host, port, path = re.match(r"http://([^:/]+):(\d+)(.*)", url).groups()
    headers = dict([header.split(": ", 1)]) if header else {}
    counts, deadline = [0, 0], time.monotonic() + seconds

    def worker():
        while time.monotonic() < deadline:
            connection = HTTPConnection(host, int(port), timeout=10)
            try:
                connection.request("GET", path, headers=headers)
                counts[connection.getresponse().status != 200] += 1
            except OSError:
                counts[1] += 1
            finally:
                connection.close()

    workers = [threading.Thread(target=worker) for _ in range(CONNECTIONS)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    return sum(counts) / seconds, counts[1]


def served_as(url, header):
    """A request's status and what answered it, to show each target is what it claims:
    the server, then nginx's or else the page cache's status."""
    headers = dict([header.split(": ", 1)]) if header else {}
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - loopback
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        body = response.read()
        found = [response.headers[name] for name in ("Server", "X-Proxy-Cache", "X-Page-Cache")]
        found = found[:2] if found[1] else found  # nginx's copy keeps the app's first word
        if (
            "story" in url
            and header
            and header.startswith("Cookie")
            and b"Bench Reader" not in body
        ):
            found.append("(form not prefilled!)")
        return response.status, " ".join(value.split("/")[0] for value in found if value)


def targets(ports, story, section, cookie):
    app, nocache, proxy = (
        f"http://127.0.0.1:{ports[name]}" for name in ("app", "nocache", "nginx")
    )
    personal = f"Cookie: {cookie}"
    pages = [("story", story), ("home", "/"), ("section archive", section)]
    return [
        ("framework floor (hello world)", f"http://127.0.0.1:{ports['floor']}/", None),
        ("story, cached, gzip (as browsers ask)", app + story, "Accept-Encoding: gzip"),
        *[
            target
            for name, path in pages
            for target in [
                (f"{name}, cached", app + path, None),
                (f"{name}, personal (commenter cookie)", app + path, personal),
                (f"{name}, from scratch (no caches)", nocache + path, None),
            ]
        ],
        ("RSS feed, cached", app + "/feed/", None),
        ("RSS feed, from scratch (no caches)", nocache + "/feed/", None),
        ("sitemap.xml, cached", app + "/sitemap.xml", None),
        ("sitemap.xml, from scratch (no caches)", nocache + "/sitemap.xml", None),
        ("story through nginx (micro-cache)", proxy + story, None),
        ("nginx: same bytes as a static file", proxy + "/static/bench/story.html", None),
    ]


def start_servers(stack, workdir, ports):
    env = dict(os.environ)
    logs = workdir / "logs"
    logs.mkdir()
    start = loopback.gunicorn
    floor_env = {**env, "DJANGO_SETTINGS_MODULE": "floor.settings"}
    stack.enter_context(
        start("floor.wsgi", ports["floor"], floor_env, logs / "floor.log",
              pythonpath=ROOT / "scripts", ready_path="/")
    )  # fmt: skip
    stack.enter_context(start("doggydiary.wsgi", ports["app"], env, logs / "app.log"))
    # Every request rendered in full, as the first one after a change is.
    nocache_env = {**env, "PAGE_CACHE": "false", "FRAGMENT_CACHE": "false"}
    stack.enter_context(start("doggydiary.wsgi", ports["nocache"], nocache_env, logs / "nc.log"))
    stack.enter_context(loopback.nginx(workdir, ports["nginx"], ports["app"], workdir / "var"))


def measure(all_targets, rounds, seconds, load):
    rates = {name: [] for name, _, _ in all_targets}
    failures = dict.fromkeys(rates, 0)
    for number in range(rounds):
        print(f"round {number + 1} of {rounds}...", flush=True)
        for name, url, header in all_targets:
            rate, bad = load(url, seconds, header)
            rates[name].append(rate)
            failures[name] += bad
    return rates, failures


def report(all_targets, rates, failures, checks):
    floor = statistics.median(rates[all_targets[0][0]])
    print(f"\n{'target':<46} {'req/s':>8} {'range':>15} {'× floor':>8} {'× WP':>7}  served as")
    for name, _, _ in all_targets:
        median = statistics.median(rates[name])
        spread = f"{min(rates[name]):.0f}–{max(rates[name]):.0f}"
        note = checks[name] + (f"  ({failures[name]} not 200!)" if failures[name] else "")
        print(
            f"{name:<46} {median:>8.0f} {spread:>15} {median / floor:>8.3f} "
            f"{median / WORDPRESS:>7.1f}  {note}"
        )
    proxied, static = (statistics.median(rates[name]) for name, _, _ in all_targets[-2:])
    print(f"\nstory through nginx / nginx static file: {proxied / static:.2f}")
    print(f"WordPress = {WORDPRESS} req/s, quoted from issue 9 (not measured here).")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="2 rounds of 3 s, to try things")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=7)
    args = parser.parse_args()
    rounds, seconds = (2, 3) if args.quick else (args.rounds, args.seconds)
    have_wrk = loopback.ensure_tools(wrk=True) and shutil.which("wrk")
    if loopback.nginx_binary() is None:
        sys.exit("nginx is missing and cannot be installed: run scripts/ensure-nginx as root.")
    load = wrk if have_wrk else python_load
    print(f"load generator: {'wrk' if have_wrk else 'Python threads (wrk missing)'}; "
          f"{CONNECTIONS} connections, {rounds} rounds of {seconds} s per target")  # fmt: skip

    workdir = Path(tempfile.mkdtemp(prefix="doggydiary-bench-"))
    try:
        run(workdir, rounds, seconds, load)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def run(workdir, rounds, seconds, load):
    started = time.monotonic()
    story, section, cookie = build_site(workdir)
    print(f"built the site in {time.monotonic() - started:.0f} s")
    ports = {name: loopback.free_port() for name in ("floor", "app", "nocache", "nginx")}
    all_targets = targets(ports, story, section, cookie)
    with ExitStack() as stack:
        start_servers(stack, workdir, ports)
        page = urllib.request.urlopen(all_targets[-2][1], timeout=30).read()  # noqa: S310
        (workdir / "var" / "static" / "bench").mkdir()
        (workdir / "var" / "static" / "bench" / "story.html").write_bytes(page)
        checks = {}
        for name, url, header in all_targets:
            served_as(url, header)  # the first request may fill a cache
            status, what = served_as(url, header)
            checks[name] = what if status == 200 else f"status {status}!"
        rates, failures = measure(all_targets, rounds, seconds, load)
    report(all_targets, rates, failures, checks)
    print(f"whole run: {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
