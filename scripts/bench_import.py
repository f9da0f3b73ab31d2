"""Import benchmark (issue 19): a generated WordPress export of 10,000 posts and 100,000
comments (about 80 MB: bodies with paragraphs, [caption], [gallery], embeds, sized
copies of 200 pictures provided as the media folder) imported into a fresh database
(SQLite under var/bench-import/, or DATABASE_URL's server with a database of its own),
printing posts/s, comments/s, wall time and the import's peak memory, beside the time
it takes only to read the file once (the floor, measured in the same run).
Figures, not pass/fail.
"""

import argparse
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "var" / "bench-import"
SITE = "https://old.example"
WORDS = [
    "dog",
    "walk",
    "park",
    "ball",
    "leash",
    "puppy",
    "vet",
    "treat",
    "bark",
    "sniff",
    "garden",
    "river",
    "trail",
    "coat",
    "paw",
    "tail",
    "collar",
    "kennel",
    "brush",
    "nap",
    "sofa",
    "rain",
    "mud",
    "fetch",
    "whistle",
    "training",
    "recall",
    "shelter",
    "adoption",
    "terrier",
    "spaniel",
    "collie",
    "beagle",
    "whippet",
    "greyhound",
    "lurcher",
    "poodle",
    "owner",
    "neighbour",
    "morning",
    "evening",
    "weekend",
    "summer",
    "winter",
    "beach",
    "forest",
    "field",
    "hill",
    "village",
    "town",
    "street",
    "cafe",
    "friend",
]


def sentence(rng, n=12):
    words = rng.choices(WORDS, k=rng.randint(n - 4, n + 6))
    return " ".join(words).capitalize() + "."


def paragraph(rng, low=3, high=6):
    return " ".join(sentence(rng) for _ in range(rng.randint(low, high)))


def picture_url(n, size=""):
    return f"{SITE}/wp-content/uploads/2020/{1 + n % 12:02d}/pic-{n}{size}.jpg"


def body(rng, pictures):
    parts = [paragraph(rng), paragraph(rng) + "\n" + sentence(rng)]
    n = rng.randrange(pictures)
    parts.append(
        f'[caption id="attachment_{n + 1}" align="alignnone" width="300"]<img src="'
        f'{picture_url(n, "-300x200")}" alt="" width="300" height="200" /> {sentence(rng, 6)}'
        "[/caption]"
    )
    parts.append("<!--more-->")
    parts.append(paragraph(rng))
    if rng.random() < 0.3:
        ids = ",".join(str(1 + rng.randrange(pictures)) for _ in range(4))
        parts.append(f'[gallery ids="{ids}"]')
    if rng.random() < 0.2:
        parts.append(f"https://www.youtube.com/watch?v={rng.randrange(10**10):011d}")
    if rng.random() < 0.1:
        parts.append('[contact-form-7 id="9" title="Write to us"]')
    parts.append(f'<a href="{SITE}/2019/01/older-{rng.randrange(100)}/">{sentence(rng, 4)}</a>')
    parts.extend(paragraph(rng) for _ in range(rng.randint(1, 4)))
    return "\n\n".join(parts)


def cdata(text):
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def comment(rng, pk, parent, when):
    return (
        f"<wp:comment><wp:comment_id>{pk}</wp:comment_id>"
        f"<wp:comment_author>{cdata(rng.choice(WORDS).title() + ' ' + rng.choice(WORDS).title())}"
        f"</wp:comment_author><wp:comment_author_email>reader{pk % 5000}@example.com"
        f"</wp:comment_author_email><wp:comment_author_IP>192.0.2.{pk % 250}</wp:comment_author_IP>"
        f"<wp:comment_date_gmt>{when}</wp:comment_date_gmt>"
        f"<wp:comment_content>{cdata(paragraph(rng, 1, 2))}</wp:comment_content>"
        f"<wp:comment_approved>{rng.choices(['1', '0', 'spam'], [90, 7, 3])[0]}"
        f"</wp:comment_approved><wp:comment_type>comment</wp:comment_type>"
        f"<wp:comment_parent>{parent}</wp:comment_parent></wp:comment>\n"
    )


def write_export(path, posts, comments, pictures, seed):
    rng = random.Random(seed)  # noqa: S311 (not a secret)
    per_post = [comments // posts] * posts
    for _ in range(comments - sum(per_post)):
        per_post[rng.randrange(posts)] += 1
    with open(path, "w", encoding="utf-8") as out:
        out.write(
            '<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0" '
            'xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n'
            f"<title>Bench Weekly</title><link>{SITE}</link><wp:wxr_version>1.2</wp:wxr_version>"
            f"<wp:base_site_url>{SITE}</wp:base_site_url>\n"
        )
        for n in range(20):
            out.write(
                f"<wp:author><wp:author_id>{n + 1}</wp:author_id><wp:author_login>writer{n}"
                f"</wp:author_login><wp:author_display_name>{cdata(f'Writer {n}')}"
                "</wp:author_display_name></wp:author>\n"
            )
        for n in range(12):
            out.write(
                f"<wp:category><wp:term_id>{n + 1}</wp:term_id><wp:category_nicename>section-{n}"
                f"</wp:category_nicename><wp:category_parent></wp:category_parent><wp:cat_name>"
                f"{cdata(f'Section {n}')}</wp:cat_name></wp:category>\n"
            )
        for n in range(pictures):
            out.write(
                f"<item><title>pic-{n}</title><wp:post_id>{n + 1}</wp:post_id><wp:status>inherit"
                "</wp:status><wp:post_type>attachment</wp:post_type><wp:attachment_url>"
                f"{picture_url(n)}</wp:attachment_url><wp:postmeta><wp:meta_key>"
                f"_wp_attachment_image_alt</wp:meta_key><wp:meta_value>{cdata(sentence(rng, 5))}"
                "</wp:meta_value></wp:postmeta></item>\n"
            )
        next_comment = 1
        for n in range(posts):
            pk = 1000 + n
            day = f"20{15 + n * 9 // posts:02d}-{1 + n % 12:02d}-{1 + n % 28:02d}"
            slug = f"story-{n}-{rng.choice(WORDS)}"
            cats = rng.sample(range(12), 2)
            out.write(
                f"<item><title>{cdata(sentence(rng, 7)[:-1])}</title>"
                f"<link>{SITE}/{day[:4]}/{day[5:7]}/{slug}/</link>"
                f"<dc:creator>writer{n % 20}</dc:creator>"
                f"<content:encoded>{cdata(body(rng, pictures))}</content:encoded>"
                f"<excerpt:encoded>{cdata(sentence(rng))}</excerpt:encoded>"
                f"<wp:post_id>{pk}</wp:post_id><wp:post_date_gmt>{day} 09:00:00"
                f"</wp:post_date_gmt><wp:post_name>{slug}</wp:post_name>"
                "<wp:status>publish</wp:status><wp:post_type>post</wp:post_type>"
                + "".join(
                    f'<category domain="category" nicename="section-{c}">Section {c}</category>'
                    for c in cats
                )
                + f'<category domain="post_tag" nicename="t{n % 300}">Topic {n % 300}</category>'
                f"<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>"
                f"{1 + rng.randrange(pictures)}</wp:meta_value></wp:postmeta>\n"
            )
            written = []
            for _ in range(per_post[n]):
                parent = rng.choice(written) if written and rng.random() < 0.3 else 0
                out.write(comment(rng, next_comment, parent, f"{day} 12:00:00"))
                written.append(next_comment)
                next_comment += 1
            out.write("</item>\n")
        out.write("</channel>\n</rss>\n")


def write_pictures(folder, pictures):
    from PIL import Image

    for n in range(pictures):
        path = folder / urlsplit(picture_url(n)).path.split("/wp-content/uploads/")[1]
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists():
            colour = (n * 37 % 256, n * 91 % 256, n * 53 % 256)
            Image.new("RGB", (1200, 800), colour).save(path, "JPEG", quality=80)


def fresh_database(env):
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        import psycopg

        parts = urlsplit(url)
        name = (parts.path.strip("/") or "doggydiary") + "_import"
        admin = urlunsplit(parts._replace(path="/postgres"))
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
            connection.execute(f'CREATE DATABASE "{name}"')
        env["DATABASE_URL"] = urlunsplit(parts._replace(path=f"/{name}"))
        return "PostgreSQL"
    database = FOLDER / "db.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    env["DATABASE_URL"] = f"sqlite:///{database}"
    return "SQLite"


def measured(command, env):
    """Run ``command``; (seconds, peak RSS in MB, output, CPU seconds it used)."""
    started = time.perf_counter()
    process = subprocess.Popen(  # noqa: S603 (our own command)
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        sys.exit(f"{command[2]} failed:\n{output}")
    cpu = usage.ru_utime + usage.ru_stime
    return time.perf_counter() - started, usage.ru_maxrss / 1024, output, cpu


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--comments", type=int, default=100_000)
    parser.add_argument("--pictures", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    FOLDER.mkdir(parents=True, exist_ok=True)
    export = FOLDER / f"export-v2-{args.posts}-{args.comments}-{args.pictures}-{args.seed}.xml"
    uploads = FOLDER / "uploads"
    if not export.exists():
        write_export(export, args.posts, args.comments, args.pictures, args.seed)
    write_pictures(uploads, args.pictures)
    env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    media = FOLDER / "media"
    shutil.rmtree(media, ignore_errors=True)
    env.update(MEDIA_ROOT=str(media), CACHE_DIR=str(FOLDER / "cache"), PAGE_CACHE="false")
    kind = fresh_database(env)
    manage = [sys.executable, "manage.py"]
    measured([*manage, "migrate", "--noinput", "-v0"], env)
    load = os.getloadavg()[0]
    floor, _, _, _ = measured(
        [sys.executable, "-c", "import sys; from wordpress.parse import Reader; "
         "sum(1 for _ in Reader(sys.argv[1]))", str(export)], env,
    )  # fmt: skip
    wall, rss, output, cpu = measured(
        [*manage, "import_wordpress", str(export), "--media-dir", str(uploads)], env
    )
    size = export.stat().st_size / 1e6
    print(f"{kind}: {args.posts:,} posts, {args.comments:,} comments, {size:.0f} MB export")
    print("\n".join(line for line in output.splitlines() if not line.startswith("  ")))
    print(f"reading the file once (the floor): {floor:.1f}s")
    print(f"import wall time: {wall:.1f}s ({wall / floor:.1f}× the floor)")
    print(f"posts/s: {args.posts / wall:,.0f}   comments/s: {args.comments / wall:,.0f}")
    print(f"peak RSS of the import: {rss:.0f} MB")
    # On a shared machine the wall time depends on who else runs; the CPU the import
    # used (the database server's own not included) does not.
    print(
        f"CPU time of the import process: {cpu:.1f}s; load average {load:.1f} at the start, "
        f"{os.getloadavg()[0]:.1f} at the end, on {os.cpu_count()} cores"
    )


if __name__ == "__main__":
    main()
