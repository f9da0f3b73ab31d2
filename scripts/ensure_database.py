"""Create the PostgreSQL database named in DATABASE_URL if it does not exist yet.

Django's test runner makes its own test_<name> database, but `makemigrations
--check` and `manage.py check` connect to <name> itself.
"""

import os
import sys
from urllib.parse import unquote, urlsplit

import psycopg
from psycopg import sql

url = urlsplit(os.environ.get("DATABASE_URL", ""))
if url.scheme not in {"postgres", "postgresql", "pgsql"}:
    sys.exit(0)
name = unquote(url.path.lstrip("/")) or "doggydiary"
params = {
    "host": url.hostname or "",
    "port": url.port or 5432,
    "user": unquote(url.username or ""),
    "password": unquote(url.password or ""),
    "dbname": "postgres",
    "autocommit": True,
}
with psycopg.connect(**params) as connection:
    exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
    if not exists:
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        print(f"Created PostgreSQL database {name}.")
