import argparse
import time

from django.core.management.base import BaseCommand, CommandError

from articles.models import Article
from tools.generator.build import generate
from tools.generator.tables import UnknownColumn


def count(value):
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if number < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return number


class Command(BaseCommand):
    help = (
        "Build a generated magazine of any size into the configured database, for "
        "measuring the site at scale: sections, authors, tags, pictures, stories and "
        "comments, the same for the same --seed. Refuses a database that holds stories."
    )

    def add_arguments(self, parser):
        parser.add_argument("--stories", type=count, default=100_000)
        parser.add_argument(
            "--comments", type=count, default=None, help="Comments in all (10 per story)."
        )
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--pictures", type=count, default=20, help="Library pictures.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Add the magazine to a database that already holds stories.",
        )

    def handle(self, *args, stories, comments, seed, pictures, force, **options):
        existing = Article.objects.count()
        if existing and not force:
            raise CommandError(
                f"This database already holds {existing:,} stories. The generator builds "
                "into an empty one; use --force to add a generated magazine to them."
            )
        comments = stories * 10 if comments is None else comments
        self.stdout.write(
            f"Generating {stories:,} stories and {comments:,} comments (seed {seed})."
        )
        started = time.perf_counter()
        try:
            generate(
                stories=stories,
                comments=comments,
                seed=seed,
                pictures=pictures,
                stdout=self.stdout,
            )
        except UnknownColumn as error:
            raise CommandError(f"{error}: teach tools/generator what to write there.") from None
        self.stdout.write(f"Done in {time.perf_counter() - started:.1f}s.")
