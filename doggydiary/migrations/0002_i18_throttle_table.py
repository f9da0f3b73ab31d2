"""The table doggydiary/throttle.py keeps sign-in locks, comment rate limits and
sign-up budgets in: Django's database cache table, apart from the page cache."""

from django.core.management import call_command
from django.db import migrations

TABLE = "doggydiary_throttle"


def create(apps, schema_editor):
    call_command("createcachetable", TABLE, database=schema_editor.connection.alias, verbosity=0)


def drop(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(TABLE)}")


class Migration(migrations.Migration):
    dependencies = [("doggydiary", "0001_outbox")]

    operations = [migrations.RunPython(create, drop)]
