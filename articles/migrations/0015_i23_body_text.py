"""Stories' plain text is now made with a space for a line break within a paragraph's
source and a new line only at the end of a block, so search snippets put a full stop
between blocks and nowhere else (issue 23). Stored stories get it from `manage.py
remake_html` (``tools.remake``), which this points to: a migration imports no app code,
so that it cannot break when that code changes."""

from django.db import migrations


def point_to_remake_html(apps, schema_editor):
    alias = schema_editor.connection.alias
    stories = apps.get_model("articles", "Article").objects.using(alias).count()
    if stories:
        print(
            f"\n  {stories} stories have plain text made the old way (search snippets may "
            "run blocks together): run `manage.py remake_html` once migrate has finished."
        )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0014_i23_social_posts"),
    ]

    operations = [
        migrations.RunPython(point_to_remake_html, migrations.RunPython.noop, elidable=True),
    ]
