"""Reads while comments are approved (issue 18): what one approval on story A costs.

One run builds the throwaway site of ``make bench`` (the demo magazine and a story A
of about 1,000 words with 40 comments), serves it with the same gunicorn settings
(2 sync workers on loopback, the file cache) and runs wrk on four pages at once:
story A, a story B in another section, the home page and B's section. First for
10 s with no writes (the baseline), then for 10 s while one comment on A is posted
and approved every 200 ms (through ``comments.decisions``, as the moderation screen
does); three such rounds (30 s of approvals), the medians of throughput shown.
Renders are counted from the access log's ``X-Page-Cache`` (a miss is a render).
Figures, not pass/fail.
"""

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import bench  # noqa: E402 - the site that make bench builds

from deploy import loopback  # noqa: E402

INTERVAL = 0.2  # seconds between approvals
CONNECTIONS = 4  # per page: 16 in all, as make bench
WRK = shutil.which("wrk") or "/usr/bin/wrk"
LOG_FORMAT = "%(U)s %({x-page-cache}o)s %(M)s"


def pages(story_path):
    """The four paths: A, B (the newest story in another section), home, B's section."""
    from articles.models import Article

    a = Article.objects.get(slug=story_path.strip("/").split("/")[-1])
    b = Article.objects.published().exclude(category=a.category).order_by("-publish_at").first()
    return a, {
        "story A (commented)": a.get_absolute_url(),
        "story B": b.get_absolute_url(),
        "home": "/",
        "B's section": b.category.get_absolute_url(),
    }


def load(base, paths, seconds):
    """Requests per second for each path, all read at the same time by wrk."""
    runs = {
        name: subprocess.Popen(  # noqa: S603 - wrk on loopback
            [WRK, "-t1", f"-c{CONNECTIONS}", f"-d{seconds}s", "--timeout", "10s", base + path],
            stdout=subprocess.PIPE,
            text=True,
        )
        for name, path in paths.items()
    }
    rates = {}
    for name, run in runs.items():
        out = run.communicate(timeout=seconds + 60)[0]
        rates[name] = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    return rates


def approve_every(interval, story, stop, approved):
    """Post a comment on ``story`` and approve it every ``interval`` s until ``stop``."""
    from django.db import close_old_connections

    from comments import decisions
    from comments.models import Comment

    n = 0
    next_at = time.monotonic()
    while not stop.is_set():
        n += 1
        pending = Comment.objects.create(
            article=story, name=f"Bench Writer {n}", email=f"writer{n}@example.com",
            body=f"Comment number {n} from the write benchmark.", status=Comment.Status.PENDING,
        )  # fmt: skip
        decisions.approve(Comment.objects.filter(pk=pending.pk), None)
        approved.append(time.monotonic())
        next_at += interval
        stop.wait(max(0.0, next_at - time.monotonic()))
    close_old_connections()


def states(log, start, paths):
    """Counters of (page, X-Page-Cache) and (page, X-Page-Cache + " ms"), the time
    those responses took, in the access log from byte ``start`` on."""
    by_path = {path: name for name, path in paths.items()}
    found = Counter()
    with open(log, encoding="utf-8", errors="replace") as lines:
        lines.seek(start)
        for line in lines:
            parts = line.split()
            if len(parts) == 3 and parts[0] in by_path:
                found[by_path[parts[0]], parts[1]] += 1
                found[by_path[parts[0]], parts[1] + " ms"] += int(parts[2])
    return found


def add(rates, measured):
    for name, rate in measured.items():
        rates.setdefault(name, []).append(rate)


def run(workdir, seconds, rounds):
    story_path, _section, _cookie = bench.build_site(workdir)
    story, paths = pages(story_path)
    port = loopback.free_port()
    log = workdir / "access.log"
    args = [str(Path(sys.executable).with_name("gunicorn")), "doggydiary.wsgi",
            "--bind", f"127.0.0.1:{port}", *loopback.GUNICORN_OPTIONS,
            "--access-logfile", str(log), "--access-logformat", LOG_FORMAT]  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    with loopback.running(args, ready_url=base + "/robots.txt", log=workdir / "gunicorn.log"):
        for path in paths.values():  # fill the cache
            for _ in range(2):
                bench.served_as(base + path, None)
        quiet, busy, found, approved = {}, {}, Counter(), []
        for number in range(rounds):
            print(f"round {number + 1} of {rounds}: {seconds} s reading, then {seconds} s "
                  f"reading with an approval on A every {INTERVAL} s", flush=True)  # fmt: skip
            add(quiet, load(base, paths, seconds))
            start = log.stat().st_size
            stop = threading.Event()
            writer = threading.Thread(target=approve_every, args=(INTERVAL, story, stop, approved))
            writer.start()
            try:
                add(busy, load(base, paths, seconds))
            finally:
                stop.set()
                writer.join(timeout=30)
            time.sleep(1)  # the last lines of the access log
            found += states(log, start, paths)
    report(paths, quiet, busy, found, len(approved))


def report(paths, quiet, busy, found, approvals):
    quiet, busy = (
        {name: statistics.median(r) for name, r in rates.items()} for rates in (quiet, busy)
    )
    print(f"\n{approvals} approvals on story A")
    print(f"{'page':<22} {'renders/approval':>16} {'ms/render':>9} {'stale':>7} "
          f"{'read-only':>10} {'with writes':>12} {'ratio':>6}")  # fmt: skip
    for name in paths:
        renders = found[name, "miss"]
        took = found[name, "miss ms"] / renders if renders else 0
        print(
            f"{name:<22} {renders / max(1, approvals):>16.2f} {took:>9.0f} "
            f"{found[name, 'stale']:>7} {quiet[name]:>10.0f} {busy[name]:>12.0f} "
            f"{busy[name] / quiet[name]:>6.2f}"
        )
    print("(renders: responses the page cache marked miss; stale: served the previous copy "
          "while another worker rendered; req/s from wrk, 4 connections a page)")  # fmt: skip


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=10, help="each phase of a round")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if not (loopback.ensure_tools(wrk=True) and shutil.which("wrk")):
        sys.exit("wrk is needed (apt-get install wrk).")
    workdir = Path(tempfile.mkdtemp(prefix="doggydiary-bench-writes-"))
    try:
        run(workdir, args.seconds, args.rounds)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
