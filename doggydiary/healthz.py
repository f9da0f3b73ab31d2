"""``/healthz``: may a proxy or a monitor send readers here? 200 if the database
answers, the cache keeps a value, and the folders the site writes to are writable with
room to spare; otherwise 503 naming what failed. Never cached, never a cookie."""

import secrets
import shutil
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
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


def folders():
    """The folders the site writes to: media, and the file cache's when there is one."""
    found = {"media": settings.MEDIA_ROOT}
    config = settings.CACHES["default"]
    if config["BACKEND"].endswith("FileBasedCache"):
        found["cache_folder"] = config["LOCATION"]
    return found


def run_checks():
    """Each check's name and "ok" or a short reason (the error's kind, never a path)."""
    checks = {"database": database, "cache": cache_round_trip}
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
