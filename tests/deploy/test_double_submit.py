"""The same comment sent twice at the same moment is stored once.

A double click, or a phone resending on a flaky network, sends two identical
requests together. Both pass the friendly duplicate query before either has
written; the database's unique fingerprint then refuses the second, which is
answered like any duplicate ("already posted", 409), never with a 500.

gunicorn with several worker processes serves a real database (a SQLite file, or
PostgreSQL when DATABASE_URL points there; see ``test_concurrency``), and each
pair of threads is released by a barrier at the same instant.
"""

import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from .test_concurrency import ROOT, NoRedirect
from .test_concurrency import server as server  # noqa: F401 (the fixture)

PAIRS = 30
WORKERS = 12


def form_token(base):
    """The form's time, asked for as site.js does (the kept page carries none)."""
    return urllib.request.urlopen(base + "/comments/shown/", timeout=30).read().decode()


def send(base, n, token, barrier):
    data = urllib.parse.urlencode(
        {
            "body": f"Pair {n}: the same words, sent twice.",
            "name": f"Double Clicker {n}",
            "email": f"double{n}@example.com",
            "shown": token,
        }
    ).encode()
    request = urllib.request.Request(
        base + "/story/busy-story/comments/", data=data, headers={"Origin": base}
    )
    opener = urllib.request.build_opener(NoRedirect)
    barrier.wait(timeout=60)
    try:
        with opener.open(request, timeout=60) as response:
            return response.status, ""
    except urllib.error.HTTPError as response:
        return response.code, response.read().decode()


def count_comments(env):
    """(comments stored, different texts among them), read by the server's database."""
    counted = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c",
         "from comments.models import Comment; print(Comment.objects.count(), "
         "len(set(Comment.objects.values_list('body', flat=True))))"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    stored, different = counted.stdout.strip().splitlines()[-1].split()
    return int(stored), int(different)


def test_a_comment_sent_twice_at_once_is_stored_once(server):  # noqa: F811
    base, env = server
    tokens = [form_token(base) for _ in range(PAIRS)]
    barriers = [threading.Barrier(2) for _ in range(PAIRS)]
    # Both halves of a pair are queued next to each other, so a worker waiting at
    # a barrier always has its partner next in the queue.

    def pair_of(n):
        return n, tokens[n], barriers[n]

    jobs = [(n, side) for n in range(PAIRS) for side in (0, 1)]
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        answers = list(pool.map(lambda job: send(base, *pair_of(job[0])), jobs))
    for n in range(PAIRS):
        pair = sorted(answers[2 * n : 2 * n + 2])
        assert [code for code, _ in pair] == [303, 409], f"pair {n}: {pair[0][0]}, {pair[1][0]}"
        assert "already posted this comment" in pair[1][1]
    assert count_comments(env) == (PAIRS, PAIRS)
