"""The settings module as a deployer meets it: environment in, working site out."""

import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import redis
from django.core.exceptions import ImproperlyConfigured
from django.db.backends.sqlite3.base import DatabaseWrapper

from deploy.loopback import site_environment
from doggydiary.settings import database_from_url

ROOT = Path(__file__).resolve().parents[2]


def run_settings(env, code="from django.conf import settings; print(settings.DATABASES)"):
    full_env = site_environment()
    full_env.pop("SECRET_KEY", None)  # var/secret_key, unless the test gives one
    full_env.update(env)
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_postgres_url():
    config = database_from_url("postgres://dog:p%40ss@db.internal:6543/diary?sslmode=require")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["USER"], config["PASSWORD"], config["HOST"], config["PORT"], config["NAME"]) == (
        "dog", "p@ss", "db.internal", "6543", "diary",
    )  # fmt: skip
    assert config["OPTIONS"] == {"sslmode": "require"}


def test_sqlite_url_and_unknown_schemes():
    assert database_from_url("sqlite:////srv/diary/db.sqlite3")["NAME"] == "/srv/diary/db.sqlite3"
    with pytest.raises(ImproperlyConfigured):
        database_from_url("mysql://root@localhost/x")


def test_sqlite_runs_in_wal_mode_with_immediate_transactions(tmp_path, django_db_blocker):
    """A real SQLite file opened with our settings: WAL, busy timeout, and a second
    writer that waits for the first instead of failing with "database is locked"."""
    config = database_from_url(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    settings_dict = {
        **config, "ATOMIC_REQUESTS": False, "AUTOCOMMIT": True, "CONN_MAX_AGE": 0,
        "CONN_HEALTH_CHECKS": False, "TIME_ZONE": None, "USER": "", "PASSWORD": "",
        "HOST": "", "PORT": "", "TEST": {},
    }  # fmt: skip

    django_db_blocker.unblock()
    first = DatabaseWrapper(settings_dict, alias="first")
    with first.cursor() as cursor:
        assert cursor.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert cursor.execute("PRAGMA busy_timeout").fetchone()[0] == 20000
        cursor.execute("CREATE TABLE counter (n integer)")

    first.set_autocommit(False)
    with first.cursor() as cursor:  # BEGIN IMMEDIATE: holds the write lock
        cursor.execute("INSERT INTO counter VALUES (1)")
    errors = []

    def write_second():
        second = DatabaseWrapper(settings_dict, alias="second")
        try:
            second.set_autocommit(False)
            with second.cursor() as cursor:
                cursor.execute("INSERT INTO counter VALUES (2)")
            second.commit()
        except Exception as error:  # the failure this design prevents
            errors.append(error)
        finally:
            second.close()

    thread = threading.Thread(target=write_second)
    thread.start()
    thread.join(0.3)
    assert thread.is_alive(), f"the second writer should be waiting for the lock: {errors}"
    first.commit()
    thread.join(10)
    first.close()
    django_db_blocker.restore()
    assert errors == []
    rows = sqlite3.connect(tmp_path / "db.sqlite3").execute("SELECT n FROM counter").fetchall()
    assert sorted(rows) == [(1,), (2,)]


def test_refuses_to_start_without_a_secret_key(tmp_path):
    result = run_settings({"SECRET_KEY_FILE": str(tmp_path / "missing")})
    assert result.returncode != 0
    assert "No SECRET_KEY" in result.stderr


def test_secret_key_from_the_environment(tmp_path):
    result = run_settings(
        {"SECRET_KEY": "x" * 50, "SECRET_KEY_FILE": str(tmp_path / "missing")},
        "from django.conf import settings; print(settings.SECRET_KEY == 'x' * 50)",
    )
    assert result.stdout.strip() == "True", result.stderr


def test_bad_boolean_is_a_clear_error():
    result = run_settings({"SECRET_KEY": "x" * 50, "DEBUG": "maybe"})
    assert "DEBUG must be true or false" in result.stderr


def redis_answers(url):
    try:
        return redis.Redis.from_url(url, socket_connect_timeout=0.5, socket_timeout=0.5).ping()
    except redis.RedisError:
        return False


def test_redis_url_gives_a_shared_cache():
    """Two processes see one cache through a real Redis server."""
    url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
    if not redis_answers(url):
        where = urlsplit(url)
        pytest.skip(f"no Redis answers at {where.hostname}:{where.port or 6379}")
    env = {"SECRET_KEY": "x" * 50, "REDIS_URL": url, "CACHE_KEY_PREFIX": "doggydiary-test"}
    writer = run_settings(
        env, "from django.core.cache import cache; cache.set('shared', 'woof', 30); print('set')"
    )
    assert writer.stdout.strip() == "set", writer.stderr
    reader = run_settings(
        env,
        "from django.core.cache import cache, caches; "
        "print(type(caches['default']).__name__, cache.get('shared')); cache.delete('shared')",
    )
    assert reader.stdout.strip() == "RedisCache woof", reader.stderr


def test_default_cache_is_a_file_cache_shared_by_workers(tmp_path):
    env = {"SECRET_KEY": "x" * 50, "CACHE_DIR": str(tmp_path / "cache")}
    run_settings(env, "from django.core.cache import cache; cache.set('k', 'v', 30)")
    reader = run_settings(
        env,
        "from django.core.cache import cache, caches; "
        "print(type(caches['default']).__name__, cache.get('k'))",
    )
    assert reader.stdout.strip() == "FastFileBasedCache v", reader.stderr
