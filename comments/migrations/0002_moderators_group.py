from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Moderators"
PERMISSIONS = [
    "view_comment",
    "change_comment",
    "view_discussionsettings",
    "change_discussionsettings",
]


def create_moderators(apps, schema_editor):
    db = schema_editor.connection.alias
    # On a fresh database permissions are only made after every migration has run
    # (post_migrate), so make this app's now; create_permissions skips app configs
    # without a models module, which the migration state's stand-ins never have.
    app_config = apps.get_app_config("comments")
    models_module = getattr(app_config, "models_module", None)
    app_config.models_module = models_module or True
    try:
        create_permissions(app_config, apps=apps, verbosity=0, using=db)
    finally:
        app_config.models_module = models_module

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.using(db).get_or_create(name=GROUP)
    permissions = Permission.objects.using(db).filter(
        content_type__app_label="comments", codename__in=PERMISSIONS
    )
    group.permissions.set(permissions)


def remove_moderators(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.using(schema_editor.connection.alias).filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_moderators, remove_moderators)]
