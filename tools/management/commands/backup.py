"""manage.py backup FOLDER: the database and the media folder, with a manifest.

In ``tools``, the site-level app, because a backup is of the whole site. The work is
in ``tools.backups``.
"""

from pathlib import Path

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError

from tools import backups


class Command(BaseCommand):
    help = (
        "Back up the database (SQLite's online backup, or pg_dump) and the media storage "
        "into FOLDER, a new or empty folder, with a manifest of every file's sha256."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", help="where to write the backup (new or empty)")

    def handle(self, folder, **options):
        folder = Path(folder)
        if not backups.is_empty_folder(folder):
            raise CommandError(f"{folder} is not empty: give each backup a new folder.")
        kind = backups.engine()
        # Commenters' addresses are in there: only the owner may read it.
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        folder.chmod(0o700)
        if kind == "sqlite":
            name = backups.SQLITE_FILE
            rows, migrations = backups.backup_sqlite(folder / name)
        else:
            name = backups.PG_FILE
            rows, migrations = backups.backup_postgresql(folder / name)
        # Through the storage API, so a bucket is backed up as a local folder is.
        backups.media_out(default_storage, folder / backups.MEDIA)
        manifest = backups.new_manifest(kind, name, rows, migrations)
        manifest["files"] = backups.describe_files(folder)
        # Written last: a folder without a manifest is an unfinished backup, and
        # restore refuses it.
        backups.write_manifest(folder, manifest)
        pictures = sum(1 for path in manifest["files"] if path.startswith(backups.MEDIA + "/"))
        size = sum(entry["bytes"] for entry in manifest["files"].values())
        self.stdout.write(
            f"Backed up {sum(rows.values())} rows in {len(rows)} tables and {pictures} media "
            f"files ({size / 1e6:.1f} MB) to {folder}."
        )
        self.stdout.write(
            "The secret key is not in the backup: keep it (SECRET_KEY, or the file "
            f"{settings.SECRET_KEY_FILE}) with your other secrets; a restored site needs the "
            "same key for its signed links and cookies."
        )
