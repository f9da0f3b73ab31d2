from django.contrib.auth.management import create_permissions
from django.db import migrations


def editors_may_import(apps, schema_editor):
    db = schema_editor.connection.alias
    app_config = apps.get_app_config("wordpress")
    models_module = getattr(app_config, "models_module", None)
    app_config.models_module = models_module or True
    try:
        create_permissions(app_config, apps=apps, verbosity=0, using=db)
    finally:
        app_config.models_module = models_module
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.using(db).get(
        codename="import_wordpress", content_type__app_label="wordpress"
    )
    group, _ = Group.objects.using(db).get_or_create(name="Editors")
    group.permissions.add(permission)


def undo(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(codename="import_wordpress").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("wordpress", "0001_i19_wordpress"),
        ("articles", "0003_roles"),
    ]

    operations = [migrations.RunPython(editors_may_import, undo)]
