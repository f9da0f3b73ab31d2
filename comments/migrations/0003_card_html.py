from django.db import migrations, models

from comments.rendering import render_card

BATCH = 2000
FIELDS = ["id", "name", "website", "is_staff_reply", "created_at", "body_html"]


def fill_cards(apps, schema_editor):
    Comment = apps.get_model("comments", "Comment")
    rows = Comment.objects.using(schema_editor.connection.alias).only(*FIELDS).order_by("pk")
    last = 0
    while batch := list(rows.filter(pk__gt=last)[:BATCH]):
        for comment in batch:
            comment.card_html = render_card(comment)
        Comment.objects.using(schema_editor.connection.alias).bulk_update(batch, ["card_html"])
        last = batch[-1].pk


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
        migrations.RunPython(fill_cards, migrations.RunPython.noop, elidable=True),
    ]
