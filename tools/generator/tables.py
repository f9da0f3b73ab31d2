"""Where generated rows go: a table's columns in a fixed order, the generator's
values first and every other column at its model default, written in bulk by the
loader for the database in use (``postgres.py``: COPY; ``sqlite.py``: executemany)."""

from django.db import connection, transaction
from django.db.models import DateTimeField
from django.db.models.fields import NOT_PROVIDED


class UnknownColumn(Exception):
    """A column the generator has no value for and the model gives no default."""


class Table:
    def __init__(self, model, fields):
        opts = model._meta
        given = [opts.get_field(name) for name in fields]
        rest = [
            field
            for field in opts.concrete_fields
            if field not in given
            and not field.primary_key
            and not getattr(field, "generated", False)
            and field.db_default is NOT_PROVIDED
        ]
        defaults = [field.get_default() for field in rest]
        # A column added later by another app must have a default, or be taught here.
        missing = [
            f.name for f, value in zip(rest, defaults, strict=True) if value is None and not f.null
        ]
        if missing:
            raise UnknownColumn(f"No value for {opts.label}.{', '.join(missing)}")
        self.name = opts.db_table
        self.columns = [field.column for field in given + rest]
        self.constants = tuple(
            field.get_db_prep_save(value, connection)
            for field, value in zip(rest, defaults, strict=True)
        )
        self.datetimes = [i for i, field in enumerate(given) if isinstance(field, DateTimeField)]


class Loader:
    """Writes rows in batches, each batch in its own transaction."""

    def __init__(self):
        self.connection = connection

    def loading(self):
        """A context for the whole load (session settings that make it faster)."""
        raise NotImplementedError

    def write(self, table, rows):
        raise NotImplementedError

    def insert(self, table, rows):
        with transaction.atomic():
            self.write(table, rows)

    def update(self, table, column, rows):
        """Set ``column`` of each row of ``table`` by id, from ``rows`` ((id, value))."""
        raise NotImplementedError

    def analyze(self):
        with self.connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    def finish(self, models):
        """After rows were written with their own ids: the next id follows them."""
