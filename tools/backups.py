"""Backups: a consistent copy of the database and the media, with a manifest.

A backup folder holds ``database.sqlite3`` (SQLite's online backup API: a
consistent copy while the site runs) or ``database.pgdump`` (``pg_dump -Fc``,
taken in the same snapshot as the row counts), ``media/`` (every picture and
rendition, read through the storage API: a local folder or a bucket alike) and
``manifest.json``: when, which engine, the migrations applied, the
rows of every table, and the size and sha256 of every file. ``restore`` checks
all of it before and after. The secret key is not in the backup (see README).

The database is copied before the media folder: pictures are only ever added
under new names, so the media copy holds every file the database refers to.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import django
from django.apps import apps
from django.core.files import File
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils.crypto import salted_hmac

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA = "media"
SQLITE_FILE = "database.sqlite3"
PG_FILE = "database.pgdump"


def engine():
    vendor = connection.vendor
    if vendor not in ("sqlite", "postgresql"):
        raise CommandError(f"Backups support SQLite and PostgreSQL, not {vendor}.")
    return vendor


def secret_key_id():
    """Names the secret key without revealing it, so a restore can say whether this
    site signs with the same one."""
    return salted_hmac("doggydiary.backups", "secret-key-id").hexdigest()[:16]


def tables():
    names = {model._meta.db_table for model in apps.get_models(include_auto_created=True)}
    return sorted(names | {MigrationRecorder.Migration._meta.db_table})


def count_rows(cursor, existing):
    """{table: rows} for every table of our models that ``existing`` holds."""
    counts = {}
    for table in tables():
        if table in existing:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            counts[table] = cursor.fetchone()[0]
    return counts


def applied_migrations(cursor, existing):
    if "django_migrations" not in existing:
        return []
    cursor.execute('SELECT app, name FROM "django_migrations"')
    return sorted(f"{app}.{name}" for app, name in cursor.fetchall())


def database_state():
    """(rows, migrations) of the configured database, as it is now."""
    existing = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        return count_rows(cursor, existing), applied_migrations(cursor, existing)


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def describe_files(folder):
    """{relative path: {bytes, sha256}} of every file under ``folder`` but the manifest."""
    files = {}
    for path in sorted(Path(folder).rglob("*")):
        if path.is_file() and path.name != MANIFEST:
            relative = path.relative_to(folder).as_posix()
            files[relative] = {"bytes": path.stat().st_size, "sha256": sha256(path)}
    return files


def storage_files(storage, folder=""):
    """Every file's name in ``storage`` (a local folder or a bucket), depth first."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:  # a local media folder not made yet
        return
    for name in sorted(files):
        yield f"{folder}{name}"
    for name in sorted(folders):
        yield from storage_files(storage, f"{folder}{name}/")


def media_out(storage, target):
    """Copy every media file from ``storage`` into the folder ``target``."""
    target = Path(target)
    target.mkdir(exist_ok=True)
    for name in storage_files(storage):
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        with storage.open(name, "rb") as source, open(path, "wb") as copy:
            shutil.copyfileobj(source, copy)


def media_in(source, storage):
    """Put every file of the folder ``source`` into ``storage`` under its own name
    (replacing one of the same name). Returns how many."""
    count = 0
    for path in sorted(Path(source).rglob("*")):
        if path.is_file():
            name = path.relative_to(source).as_posix()
            if storage.exists(name):
                storage.delete(name)
            with open(path, "rb") as handle:
                saved = storage.save(name, File(handle, name=path.name))
            if saved != name:
                raise CommandError(f"The storage kept {name} as {saved}; nothing else was copied.")
            count += 1
    return count


def storage_is_empty(storage):
    return next(storage_files(storage), None) is None


def is_empty_folder(path):
    path = Path(path)
    return not path.exists() or (path.is_dir() and not any(path.iterdir()))


# PostgreSQL: the command-line tools get the connection from settings, the password
# through the environment (never on the command line, where `ps` shows it).


def pg_arguments():
    db = connection.settings_dict
    args = [f"--dbname={db['NAME']}"]
    if db.get("HOST"):
        args.append(f"--host={db['HOST']}")
    if db.get("PORT"):
        args.append(f"--port={db['PORT']}")
    if db.get("USER"):
        args.append(f"--username={db['USER']}")
    env = {**os.environ, "PGPASSWORD": db.get("PASSWORD") or ""}
    return args, env


def run_pg_tool(name, *args):
    tool = shutil.which(name)
    if tool is None:
        raise CommandError(
            f"{name} was not found. It comes with the PostgreSQL client "
            "(Debian: apt-get install postgresql-client)."
        )
    connection_args, env = pg_arguments()
    result = subprocess.run(  # noqa: S603 (our own arguments, no shell)
        [tool, *connection_args, *args], env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise CommandError(f"{name} failed: {result.stderr.strip()}")


# The database, engine by engine.


def backup_sqlite(target):
    """Copy the live database with SQLite's online backup API, then count its rows
    and migrations from the copy itself."""
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        if copy.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise CommandError("The copy of the database failed SQLite's integrity check.")
        cursor = copy.cursor()
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        existing = {name for (name,) in cursor.fetchall()}
        rows = count_rows(cursor, existing)
        migrations = applied_migrations(cursor, existing)
    finally:
        copy.close()
    return rows, migrations


def backup_postgresql(target):
    """pg_dump in the snapshot of a repeatable-read transaction that also counts the
    rows, so the dump and the manifest describe the same moment."""
    existing = set(connection.introspection.table_names())
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        run_pg_tool("pg_dump", "--format=custom", "--no-owner", "--no-privileges",
                    f"--snapshot={snapshot}", f"--file={target}")  # fmt: skip
        rows = count_rows(cursor, existing)
        migrations = applied_migrations(cursor, existing)
    return rows, migrations


def restore_sqlite(source):
    connection.close()
    name = Path(connection.settings_dict["NAME"])
    name.parent.mkdir(parents=True, exist_ok=True)
    backup = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    live = sqlite3.connect(name, timeout=20)
    try:
        backup.backup(live)
        live.execute("PRAGMA journal_mode=WAL")
    finally:
        live.close()
        backup.close()


def restore_postgresql(source, replace):
    options = ["--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error"]
    if replace:
        options += ["--clean", "--if-exists"]
    connection.close()
    run_pg_tool("pg_restore", *options, str(source))


def write_manifest(folder, manifest):
    text = json.dumps(manifest, indent=2, sort_keys=True)
    (Path(folder) / MANIFEST).write_text(text + "\n")


def read_manifest(folder):
    path = Path(folder) / MANIFEST
    try:
        manifest = json.loads(path.read_text())
    except FileNotFoundError:
        raise CommandError(f"{folder} is not a backup: it has no {MANIFEST}.") from None
    except (ValueError, OSError) as error:
        raise CommandError(f"{path} cannot be read: {error}") from None
    if manifest.get("format") != FORMAT:
        raise CommandError(f"{path} is in a format this version cannot read.")
    return manifest


def new_manifest(kind, database_file, rows, migrations):
    return {
        "format": FORMAT,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "engine": kind,
        "database_file": database_file,
        "django": django.get_version(),
        "migrations": migrations,
        "rows": rows,
        "secret_key_id": secret_key_id(),
    }
