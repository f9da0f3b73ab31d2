"""The small index SQLite's search reads a matching story's status from (0007) again.

Django's SQLite schema editor remakes a table to alter it and recreates only the
indexes the models declare, so the first later change to ``articles_article`` dropped
this one, and each match read its story's long row instead (5 ms of a 9 ms search at
100,000 stories). ``tests/articles/test_query_plans.py`` notices if a later remake
drops it again.
"""

from django.db import migrations

SQLITE = [
    "CREATE INDEX IF NOT EXISTS article_search_gate_idx ON articles_article (id, status, publish_at)",
    "ANALYZE articles_article",
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for sql in SQLITE:
            schema_editor.execute(sql, params=None)


class Migration(migrations.Migration):
    dependencies = [("articles", "0020_stored_story_html")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
