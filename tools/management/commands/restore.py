"""manage.py restore FOLDER: put a backup made by ``backup`` back, checked on the way
in (every file's sha256) and on the way out (every table's row count)."""

from pathlib import Path

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import OperationalError, connection
from django.db.migrations.executor import MigrationExecutor

from articles import generations
from tools import backups


class Command(BaseCommand):
    help = (
        "Restore a backup into the configured database and media folder, which must be "
        "empty unless --force is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", help="a folder written by manage.py backup")
        parser.add_argument(
            "--force",
            action="store_true",
            help="replace what the database holds and add to a media folder that is not empty",
        )

    def handle(self, folder, force=False, **options):
        folder = Path(folder)
        manifest = backups.read_manifest(folder)
        kind = backups.engine()
        if manifest["engine"] != kind:
            raise CommandError(
                f"This backup is of a {manifest['engine']} database and the site is set up "
                f"for {kind} (DATABASE_URL); restore it into the same kind of database."
            )
        self.check_files(folder, manifest)
        try:
            connection.ensure_connection()
        except OperationalError as error:
            raise CommandError(
                f"Cannot reach the database ({error}). Create it first: `make restore` does."
            ) from None
        if not force:
            self.check_empty()
        database = folder / manifest["database_file"]
        if kind == "sqlite":
            backups.restore_sqlite(database)
        else:
            backups.restore_postgresql(database, replace=force)
        backups.media_in(folder / backups.MEDIA, default_storage)
        self.check_rows(manifest)
        try:  # pages cached from what the database held before are out of date
            generations.bump(generations.CONTENT, generations.COMMENTS)
        except OSError as error:
            self.stderr.write(f"Could not move the page cache on ({error}); clear it by hand.")
        self.report(manifest)

    def check_files(self, folder, manifest):
        wrong = []
        for relative, expected in manifest["files"].items():
            path = folder / relative
            if not path.is_file() or backups.sha256(path) != expected["sha256"]:
                wrong.append(relative)
        if wrong:
            raise CommandError(
                f"{len(wrong)} files of the backup are missing or changed since it was made, "
                f"e.g. {', '.join(wrong[:5])}. Nothing was restored."
            )

    def check_empty(self):
        tables = connection.introspection.table_names()
        if tables:
            raise CommandError(
                f"The database already has {len(tables)} tables. Restoring replaces "
                "everything in it: point DATABASE_URL at a new database, or run again with "
                "--force."
            )
        if not backups.storage_is_empty(default_storage):
            raise CommandError(
                "The media storage is not empty: set MEDIA_ROOT to a new folder (or "
                "AWS_STORAGE_BUCKET_NAME to a new bucket), or run again with --force."
            )

    def check_rows(self, manifest):
        rows, _ = backups.database_state()
        differ = sorted(t for t, n in manifest["rows"].items() if rows.get(t) != n)
        if differ:
            raise CommandError(
                f"The restored database does not match the backup's row counts in "
                f"{', '.join(differ)}."
            )

    def report(self, manifest):
        self.stdout.write(
            f"Restored {sum(manifest['rows'].values())} rows and the media folder from the "
            f"backup of {manifest['created_at']}."
        )
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if plan:
            self.stdout.write(
                f"The backup predates {len(plan)} migrations of this version: run "
                "`manage.py migrate`."
            )
        if manifest["secret_key_id"] != backups.secret_key_id():
            self.stdout.write(
                self.style.WARNING(
                    "This site's secret key is not the one the backup was made with: "
                    "readers' pending-comment links, preview links and remember-me cookies "
                    "from before will not work. Use the old key (SECRET_KEY or "
                    f"{settings.SECRET_KEY_FILE}) to keep them."
                )
            )
