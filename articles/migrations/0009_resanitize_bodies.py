"""When nh3 replaced bleach, this migration made every stored story body and comment
again with the new sanitizer and comment renderer. It has been applied wherever the
site runs; on a new database it finds nothing to do. It imports no app code (a
migration must not break when that code changes), so the work itself is now
`manage.py remake_html` (``tools.remake``), which this points to if it ever meets a
database stored by bleach."""

from django.db import migrations


def point_to_remake_html(apps, schema_editor):
    alias = schema_editor.connection.alias
    stories = apps.get_model("articles", "Article").objects.using(alias).count()
    comments = apps.get_model("comments", "Comment").objects.using(alias).count()
    if stories or comments:
        print(
            f"\n  {stories} stories and {comments} comments were stored before the nh3 "
            "sanitizer: run `manage.py remake_html` once migrate has finished."
        )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0008_sitemap_index"),
        ("comments", "0003_card_html"),
    ]
    operations = [
        migrations.RunPython(point_to_remake_html, migrations.RunPython.noop, elidable=True),
    ]
