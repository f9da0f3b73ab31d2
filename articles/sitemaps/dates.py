"""Dates as the sitemaps write them, formatted by the database: turning thousands of
timestamps into Python datetimes costs several times the query that finds them."""

from datetime import UTC

from django.db import NotSupportedError
from django.db.models import CharField, Func, Value

# The protocol's W3C datetime, to the second, and a month as in file names.
SHAPES = {
    "w3c": {"postgresql": 'YYYY-MM-DD"T"HH24:MI:SS"Z"', "sqlite": "%Y-%m-%dT%H:%M:%SZ"},
    "month": {"postgresql": "YYYY-MM", "sqlite": "%Y-%m"},
}


def w3c(moment):
    """A datetime as the protocol's W3C datetime, the way ``UTCText`` writes it."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class UTCText(Func):
    """A datetime column as UTC text in one of ``SHAPES``."""

    output_field = CharField()

    def __init__(self, expression, shape):
        super().__init__(expression)
        self.shape = shape

    def as_sql(self, compiler, connection, **extra):
        raise NotSupportedError(f"UTCText has no form for {connection.vendor}.")

    def as_postgresql(self, compiler, connection, **extra):
        in_utc = Func(*self.source_expressions, template="(%(expressions)s AT TIME ZONE 'UTC')")
        pattern = Value(SHAPES[self.shape]["postgresql"])
        formatted = Func(in_utc, pattern, function="to_char", output_field=CharField())
        return formatted.as_sql(compiler, connection, **extra)

    def as_sqlite(self, compiler, connection, **extra):
        # Django keeps SQLite datetimes as UTC text, which strftime reads as is.
        pattern = Value(SHAPES[self.shape]["sqlite"])
        formatted = Func(
            pattern, *self.source_expressions, function="strftime", output_field=CharField()
        )
        return formatted.as_sql(compiler, connection, **extra)
