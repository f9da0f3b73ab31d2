"""Bulk writing on SQLite: executemany, one large transaction per batch."""

from contextlib import contextmanager

from django.db import transaction

from .tables import Loader


class SqliteLoader(Loader):
    @contextmanager
    def loading(self):
        # Durability is not needed while a throwaway magazine is written (a crash
        # means a rerun); the pragma cannot change inside a transaction, as in tests.
        outside = not self.connection.in_atomic_block
        with self.connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size = -262144")
            if outside:
                cursor.execute("PRAGMA synchronous = OFF")
        try:
            yield
        finally:
            if outside:
                with self.connection.cursor() as cursor:
                    cursor.execute("PRAGMA synchronous = NORMAL")

    def write(self, table, rows):
        columns = ", ".join(self.connection.ops.quote_name(column) for column in table.columns)
        marks = ", ".join(["%s"] * len(table.columns))
        quoted = self.connection.ops.quote_name(table.name)
        sql = f"INSERT INTO {quoted} ({columns}) VALUES ({marks})"  # noqa: S608 (names only)
        adapt = self.connection.ops.adapt_datetimefield_value
        positions, constants = table.datetimes, table.constants

        def adapted(row):
            row = list(row)
            for i in positions:
                row[i] = adapt(row[i])
            return (*row, *constants)

        with self.connection.cursor() as cursor:
            cursor.executemany(sql, map(adapted, rows))

    def update(self, table, column, rows):
        quote = self.connection.ops.quote_name
        sql = f"UPDATE {quote(table)} SET {quote(column)} = %s WHERE id = %s"  # noqa: S608
        with transaction.atomic(), self.connection.cursor() as cursor:
            cursor.executemany(sql, [(value, pk) for pk, value in rows])
