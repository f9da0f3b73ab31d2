"""Scale benchmark (issue 8): each reader page's p50/p95 at 100 and at 100,000 stories.

On the database kind DATABASE_URL names (SQLite by default, files under var/bench/;
PostgreSQL: databases <name>_100 and <name>_100000), builds each magazine with
`generate_magazine` (10 comments per story), or reuses the previous build when its
stamp (seed, size, migrations, generator) still matches. Then serves each with
gunicorn (2 sync workers, loopback, a free port, PAGE_CACHE=off; with --no-caches
FRAGMENT_CACHE=off too), all at once when every magazine is built, and
requests every page type one at a time (warm-up, then timed), the sizes taking turns
so that whatever else the machine does falls on each alike; prints a table and the
workers' memory. Figures, not pass/fail.
"""

import argparse
import hashlib
import http.client
import json
import math
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from contextlib import ExitStack, contextmanager
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
COMMENTS_PER_STORY = 10
STAMPED = ["articles/migrations", "comments/migrations", "tools/generator"]


def build_stamp(seed, size):
    digest = hashlib.sha256()
    for folder in STAMPED:
        for path in sorted((ROOT / folder).glob("*.*")):
            digest.update(path.name.encode() + path.read_bytes())
    return {
        "seed": seed,
        "stories": size,
        "comments": size * COMMENTS_PER_STORY,
        "sources": digest.hexdigest(),
    }


class Target:
    """One magazine: its database, media and cache, and the environment that names them."""

    def __init__(self, size, label, database_url):
        self.size, self.label, self.database_url = size, label, database_url
        self.folder = BENCH_DIR / label
        self.stamp_file = BENCH_DIR / f"{label}.json"

    def env(self, static_root, nothing_kept=False):
        env = {key: value for key, value in os.environ.items() if key != "REDIS_URL"}
        env.update(
            DATABASE_URL=self.database_url,
            MEDIA_ROOT=str(self.folder / "media"),
            CACHE_DIR=str(self.folder / "cache"),
            STATIC_ROOT=str(static_root),
            PAGE_CACHE="off",
            # Kept parts too (--no-caches): every page made from scratch, as a crawler
            # walking 100,000 stories mostly sees them.
            FRAGMENT_CACHE="off" if nothing_kept else "on",
            DEBUG="false",
            ALLOWED_HOSTS="127.0.0.1",
            DJANGO_SETTINGS_MODULE="doggydiary.settings",
        )
        return env

    def is_current(self, stamp):
        return self.stamp_file.is_file() and json.loads(self.stamp_file.read_text()) == stamp

    def reset(self):
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True)
        self.stamp_file.unlink(missing_ok=True)
        self.empty_database()


class SqliteTarget(Target):
    def __init__(self, size):
        label = f"sqlite_{size}"
        super().__init__(size, label, f"sqlite:///{BENCH_DIR / (label + '.sqlite3')}")

    def empty_database(self):
        for suffix in ("", "-wal", "-shm"):
            (BENCH_DIR / f"{self.label}.sqlite3{suffix}").unlink(missing_ok=True)


class PostgresTarget(Target):
    def __init__(self, size, url):
        parts = urlsplit(url)
        self.server = parts
        self.name = f"{unquote(parts.path.lstrip('/')) or 'doggydiary'}_{size}"
        super().__init__(
            size, f"postgres_{self.name}", parts._replace(path=f"/{self.name}").geturl()
        )

    def empty_database(self):
        import psycopg
        from psycopg import sql

        params = {
            "host": self.server.hostname or "",
            "port": self.server.port or 5432,
            "user": unquote(self.server.username or ""),
            "password": unquote(self.server.password or ""),
            "dbname": "postgres",
        }
        with psycopg.connect(**params, autocommit=True) as connection:
            name = sql.Identifier(self.name)
            connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
            connection.execute(sql.SQL("CREATE DATABASE {}").format(name))


def targets(sizes):
    url = os.environ.get("DATABASE_URL", "")
    if urlsplit(url).scheme in {"postgres", "postgresql", "pgsql"}:
        return [PostgresTarget(size, url) for size in sizes]
    return [SqliteTarget(size) for size in sizes]


def manage(env, *args, **options):
    command = [PYTHON, "manage.py", *args]
    return subprocess.run(command, cwd=ROOT, env=env, check=True, **options)  # noqa: S603


def build(target, seed, env):
    stamp = build_stamp(seed, target.size)
    if target.is_current(stamp):
        print(f"{target.label}: reusing the previous build (same seed, size and sources)")
        manage(env, "migrate", "--noinput", "--verbosity", "0")
        return
    print(f"{target.label}: building {target.size:,} stories")
    target.reset()
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    manage(env, "generate_magazine", "--stories", str(target.size), "--seed", str(seed))
    target.stamp_file.write_text(json.dumps(stamp))


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(port, path, timeout=300):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"Host": "127.0.0.1"})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


@contextmanager
def serve(env, log_path):
    """gunicorn with two sync workers on a free loopback port; stopped on the way out."""
    port = free_port()
    command = [GUNICORN, "doggydiary.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2"]
    command += ["--worker-class", "sync", "--timeout", "300", "--log-level", "warning"]
    with open(log_path, "ab") as log:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)  # noqa: S603
    try:
        deadline = time.monotonic() + 60
        while True:
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"gunicorn did not start; see {log_path}")
            try:
                if get(port, "/robots.txt", timeout=5)[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(0.2)
        yield port, server.pid
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def largest_sitemap(port):
    """The biggest file the sitemap index lists (None if sitemap.xml is no index)."""
    status, body = get(port, "/sitemap.xml")
    root = ET.fromstring(body) if status == 200 else None  # noqa: S314 (our own output)
    if root is None or not root.tag.endswith("sitemapindex"):
        return None
    sizes = {}
    for loc in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc"):
        parts = urlsplit(loc.text.strip())
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        sizes[path] = len(get(port, path)[1])
    return max(sizes, key=sizes.get) if sizes else None


def measure(sites, warmup, timed, budget):
    """{size: (status, p50 ms, p95 ms, requests, bytes)} for one kind of page at every
    size: sequential requests taking turns between the sizes, so that whatever else
    the machine does falls on each size alike; stopped early when the page has used
    up ``budget`` seconds (after at least five turns). ``sites``: (size, port, path)."""
    bodies = {}
    for size, port, path in sites:
        for _ in range(warmup):
            bodies[size] = get(port, path)
    times, started = {size: [] for size, _, _ in sites}, time.monotonic()
    for turn in range(timed):
        for size, port, path in sites:
            begun = time.perf_counter()
            bodies[size] = get(port, path)
            times[size].append((time.perf_counter() - begun) * 1000)
        if time.monotonic() - started > budget and turn >= 4:
            break
    results = {}
    for size, found in times.items():
        found.sort()
        p95 = found[max(0, math.ceil(0.95 * len(found)) - 1)]
        status, body = bodies[size]
        results[size] = (status, found[len(found) // 2], p95, len(found), len(body))
    return results


def worker_memory(master):
    """Each gunicorn worker's resident memory in MB (VmRSS)."""
    sizes = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":", 1) for line in status.read_text().splitlines())
        except (OSError, ValueError):
            continue
        if fields.get("PPid", "").strip() == str(master) and "VmRSS" in fields:
            sizes.append(int(fields["VmRSS"].split()[0]) / 1024)
    return sorted(sizes)


def landmarks(env):
    """({page kind: path}, {page kind: note}) of a built magazine."""
    code = "from tools.generator.landmarks import print_landmarks; print_landmarks()"
    shown = manage(env, "shell", "--command", code, capture_output=True, text=True).stdout
    found = json.loads(shown.strip().splitlines()[-1])
    return found["pages"], found["notes"]


def bench(built, args):
    """Serve every built magazine at once and time each kind of page on all of them
    side by side. ``built``: [(target, env)]. Returns (results, memory) by size."""
    served = {}
    with ExitStack() as stack:
        for target, env in built:
            pages, notes = landmarks(env)
            shutil.rmtree(target.folder / "cache", ignore_errors=True)
            log = target.folder / "gunicorn.log"
            port, master = stack.enter_context(serve(env, log))
            sitemap = largest_sitemap(port)
            if sitemap:
                pages["largest sitemap file"] = sitemap
            served[target.size] = (port, master, pages, notes)
        results = {size: {} for size in served}
        kinds = dict.fromkeys(kind for _, _, pages, _ in served.values() for kind in pages)
        for kind in kinds:
            sites = [(size, port, pages[kind]) for size, (port, _, pages, _) in served.items()
                     if kind in pages]  # fmt: skip
            timed = measure(sites, args.warmup, args.requests, args.budget)
            for size, path in [(size, path) for size, _, path in sites]:
                results[size][kind] = status, p50, p95, count, size_bytes = timed[size]
                notes = served[size][3]
                note = f", {notes[kind]}" if kind in notes else ""
                print(
                    f"  {size:>7,} {kind:<27} {status} {p50:8.1f} {p95:8.1f} ms  {count:>2} "
                    f"requests, {size_bytes / 1024:,.0f} KiB{note}  {path}"
                )
        memory = {size: worker_memory(master) for size, (_, master, _, _) in served.items()}
    return results, memory


def cell(result):
    status, p50, p95 = result[:3]
    return f"{p50:,.1f} / {p95:,.1f}" if status == 200 else f"HTTP {status}"


def print_table(sizes, results, memory):
    kinds = list(dict.fromkeys(kind for size in sizes for kind in results[size]))
    print("\n| page | " + " | ".join(f"p50 / p95 ms at {size:,}" for size in sizes) + " | ratio |")
    print("| --- " * (len(sizes) + 2) + "|")
    for kind in kinds:
        row = [results[size].get(kind) for size in sizes]
        cells = [cell(result) if result else "n/a" for result in row]
        ratio = f"{row[-1][1] / row[0][1]:.1f}×" if all(r and r[0] == 200 for r in row) else ""
        print(f"| {kind} | " + " | ".join(cells) + f" | {ratio} |")
    for size in sizes:
        shown = ", ".join(f"{mb:.0f} MB" for mb in memory[size])
        print(f"Workers' memory after the run at {size:,} stories (VmRSS): {shown}")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="100,100000", help="Comma-separated story counts.")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--budget", type=float, default=60, help="Seconds of timing per page.")
    parser.add_argument(
        "--no-caches", action="store_true", help="Fragment cache off too: nothing kept."
    )
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    static_root = Path(tempfile.mkdtemp(prefix="bench-static-"))
    try:
        built = []
        for number, target in enumerate(targets(sizes)):
            env = target.env(static_root, args.no_caches)
            build(target, args.seed, env)
            if number == 0:
                manage(env, "collectstatic", "--noinput", "--verbosity", "0")
            built.append((target, env))
        print("timing pages, the sizes taking turns")
        results, memory = bench(built, args)
    finally:
        shutil.rmtree(static_root, ignore_errors=True)
    print_table(sizes, results, memory)


if __name__ == "__main__":
    main()
