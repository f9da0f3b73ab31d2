"""Bulk writing on PostgreSQL: psycopg 3's COPY ... FROM STDIN, one per batch."""

from contextlib import contextmanager

from django.core.management.color import no_style
from django.db import transaction

from .tables import Loader

LZ4_AVAILABLE = (
    "SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)"
)


class PostgresLoader(Loader):
    @contextmanager
    def loading(self):
        with self.connection.cursor() as cursor:
            # Losing the last moments of a load to a crash costs a rerun, nothing more.
            cursor.execute("SET synchronous_commit TO off")
            # lz4 compresses long bodies several times faster than the default pglz.
            cursor.execute(LZ4_AVAILABLE)
            if cursor.fetchone():
                cursor.execute("SET default_toast_compression TO lz4")
        try:
            yield
        finally:
            with self.connection.cursor() as cursor:
                cursor.execute("RESET synchronous_commit")
                cursor.execute("RESET default_toast_compression")

    def write(self, table, rows):
        quote = self.connection.ops.quote_name
        columns = ", ".join(quote(column) for column in table.columns)
        sql = f"COPY {quote(table.name)} ({columns}) FROM STDIN"  # noqa: S608 (names, not data)
        constants = table.constants
        with self.connection.cursor() as cursor, cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row((*row, *constants))

    def update(self, table, column, rows):
        """Through a temporary table: one UPDATE for all rows, not one per row."""
        table, column = (
            self.connection.ops.quote_name(table),
            self.connection.ops.quote_name(column),
        )
        with transaction.atomic(), self.connection.cursor() as cursor:
            cursor.execute("DROP TABLE IF EXISTS generated_values")
            cursor.execute(
                f"CREATE TEMPORARY TABLE generated_values AS SELECT id, {column} AS value "  # noqa: S608
                f"FROM {table} LIMIT 0"
            )
            with cursor.copy("COPY generated_values (id, value) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            cursor.execute(
                f"UPDATE {table} SET {column} = generated_values.value FROM generated_values "  # noqa: S608
                f"WHERE {table}.id = generated_values.id"
            )
            cursor.execute("DROP TABLE generated_values")

    def finish(self, models):
        with self.connection.cursor() as cursor:
            for sql in self.connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(sql)

    def analyze(self):
        # VACUUM as well (outside a transaction, so not in tests): a live database's
        # autovacuum keeps the visibility map that lets index-only scans (a deep
        # page's ids) skip the table; a bulk load has none yet.
        command = "ANALYZE" if self.connection.in_atomic_block else "VACUUM ANALYZE"
        with self.connection.cursor() as cursor:
            cursor.execute(command)
