"""``/healthz``: may a proxy or a monitor send readers here? 200 if the database
answers, the cache keeps a value, media storage (a local or shared folder, or a
bucket) takes, gives back and deletes a file and holds the newest picture the database
names, and the folders the site writes to have room to spare; otherwise 503 naming
what failed. Never cached, never a cookie."""

import secrets
import shutil
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe


def database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        if cursor.fetchone() != (1,):
            raise DatabaseError("SELECT 1 gave something else")


def cache_round_trip():
    key, value = f"healthz:{secrets.token_hex(8)}", secrets.token_hex(8)
    cache.set(key, value, 30)
    if cache.get(key) != value:
        raise RuntimeError("the cache did not keep a value")
    cache.delete(key)


def writable_folder(folder):
    """``folder`` exists (made if missing, as an upload would), takes a file, and has
    at least HEALTHZ_MIN_FREE_MB free."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=folder, prefix=".healthz-"):
        pass
    free_mb = shutil.disk_usage(folder).free // (1024 * 1024)
    if free_mb < settings.HEALTHZ_MIN_FREE_MB:
        raise OSError(f"{free_mb} MB free")


# Functions naming a stored file that must be there (apps register theirs when ready:
# the floor imports no app).
STORED_FILE_SAMPLES = []


def register_stored_file_sample(function):
    """``function()`` returns a file name in the default storage that must exist (the
    newest picture, say), or None."""
    STORED_FILE_SAMPLES.append(function)
    return function


def media_storage():
    """A real round trip through the storage API (to the bucket, when media is on
    object storage), and the newest stored file each app names is there: a machine
    whose shared folder is not mounted, or is empty, is not healthy."""
    value = secrets.token_hex(8).encode()
    name = default_storage.save(f"healthz/{value.decode()}.txt", ContentFile(value))
    try:
        with default_storage.open(name, "rb") as handle:
            if handle.read() != value:
                raise OSError("the storage gave back something else")
    finally:
        default_storage.delete(name)
    for sample in STORED_FILE_SAMPLES:
        name = sample()
        if name and not default_storage.exists(name):
            raise FileNotFoundError(f"{name} is not in storage")
    if isinstance(default_storage, FileSystemStorage):
        writable_folder(settings.MEDIA_ROOT)


def folders():
    """The folders the site writes to besides media: the file cache's, when there is one."""
    found = {}
    config = settings.CACHES["default"]
    if config["BACKEND"].endswith("FileBasedCache"):
        found["cache_folder"] = config["LOCATION"]
    return found


def run_checks():
    """Each check's name and "ok" or a short reason (the error's kind, never a path)."""
    checks = {"database": database, "cache": cache_round_trip, "media": media_storage}
    for name, folder in folders().items():
        checks[name] = lambda folder=folder: writable_folder(folder)
    results = {}
    for name, check in checks.items():
        try:
            check()
        except Exception as error:  # noqa: BLE001 - any failure is a failed check
            results[name] = type(error).__name__
        else:
            results[name] = "ok"
    return results


@require_safe
def healthz(request):
    results = run_checks()
    failed = [name for name, result in results.items() if result != "ok"]
    body = {"status": "failing" if failed else "ok", "failed": failed, "checks": results}
    response = JsonResponse(body, status=503 if failed else 200)
    add_never_cache_headers(response)
    return response
