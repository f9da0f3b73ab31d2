"""Print how long each page type takes and how many queries it makes.

Builds a throwaway SQLite magazine (``--stories`` stories, a few tags each), then
requests every page type ``--repeat`` times through Django's test client.
Figures, not a test: run it before and after a change and compare.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--stories", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="doggydiary-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "doggydiary.settings")
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["MEDIA_ROOT"] = str(workdir / "media")
    os.environ["CACHE_DIR"] = str(workdir / "cache")

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    setup_test_environment()
    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    sys.path.insert(0, str(ROOT / "tests"))
    from tests.factories import make_article, make_author, make_category, make_image

    started = time.perf_counter()
    sections = [make_category() for _ in range(6)]
    authors = [make_author(photo=make_image(300, 300)) for _ in range(8)]
    pictures = [make_image(1600, 1000) for _ in range(20)]
    tags = [f"tag-{n}" for n in range(60)]
    for i in range(args.stories):
        make_article(
            category=sections[i % len(sections)],
            author=authors[i % len(authors)],
            hero_image=pictures[i % len(pictures)],
            tags=[tags[(i * k) % len(tags)] for k in (1, 3, 7, 11)],
            body="<h2>Part</h2><p>" + "woof " * 120 + "</p>",
        )
    print(f"built {args.stories} stories in {time.perf_counter() - started:.1f}s ({workdir})")

    from articles.models import Article

    story = Article.objects.published().first()
    pages = {
        "home": "/",
        "home page 5": "/?page=5",
        "story": story.get_absolute_url(),
        "section": sections[0].get_absolute_url(),
        "tag": "/tag/tag-3/",
        "author": authors[0].get_absolute_url(),
        "search": "/search/?q=story",
        "rss feed": "/feed/",
        "sitemap": "/sitemap.xml",
    }
    client = Client()
    print(f"{'page':<12} {'median ms':>10} {'p95 ms':>8} {'queries':>8} {'KiB':>6}")
    for name, url in pages.items():
        client.get(url)
        timings = []
        for _ in range(args.repeat):
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        timings.sort()
        p95 = timings[int(len(timings) * 0.95) - 1]
        size = len(response.content) / 1024
        print(
            f"{name:<12} {statistics.median(timings):>10.1f} {p95:>8.1f} "
            f"{len(queries):>8} {size:>6.1f}"
        )


if __name__ == "__main__":
    main()
