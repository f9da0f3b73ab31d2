"""A stored card for every comment. The cards of comments already stored were filled
in here once, with comments.rendering; a migration must not import app code, so that
work is now `manage.py remake_html`, which this points to if it meets such comments."""

from django.db import migrations, models


def point_to_remake_html(apps, schema_editor):
    Comment = apps.get_model("comments", "Comment")
    count = Comment.objects.using(schema_editor.connection.alias).count()
    if count:
        print(f"\n  {count} comments have no card yet: run `manage.py remake_html` after migrate.")


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0002_moderators_group"),
    ]

    operations = [
        migrations.AddField(
            model_name="comment",
            name="card_html",
            field=models.TextField(default="", editable=False),
        ),
        migrations.RunPython(point_to_remake_html, migrations.RunPython.noop, elidable=True),
    ]
