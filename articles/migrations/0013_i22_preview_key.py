import secrets

from django.db import migrations, models

import articles.models.newsroom


def give_keys(apps, schema_editor):
    PreviewLink = apps.get_model("articles", "PreviewLink")
    for link in PreviewLink.objects.filter(key__isnull=True):
        link.key = secrets.token_urlsafe(32)
        link.save(update_fields=["key"])


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0012_page"),
    ]

    operations = [
        migrations.AddField(
            model_name="previewlink",
            name="key",
            field=models.CharField(editable=False, max_length=43, null=True),
        ),
        migrations.RunPython(give_keys, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="previewlink",
            name="key",
            field=models.CharField(
                default=articles.models.newsroom.new_preview_key,
                editable=False,
                max_length=43,
                unique=True,
            ),
        ),
    ]
