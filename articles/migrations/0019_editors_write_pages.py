"""Editors write the magazine's own pages (About, Contact) as they write stories, and
see their revisions; contributors do not."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = [
    *(f"{action}_page" for action in ("add", "change", "delete", "view")),
    "view_pagerevision",
]


def grant(apps, schema_editor):
    db = schema_editor.connection.alias
    app_config = apps.get_app_config("articles")
    models_module = getattr(app_config, "models_module", None)
    app_config.models_module = models_module or True
    try:
        create_permissions(app_config, apps=apps, verbosity=0, using=db)
    finally:
        app_config.models_module = models_module
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors = Group.objects.using(db).filter(name="Editors").first()
    if editors is not None:
        editors.permissions.add(
            *Permission.objects.using(db).filter(
                content_type__app_label="articles", codename__in=CODENAMES
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0018_merge_i20"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
