from django.contrib.auth.management import create_permissions
from django.db import migrations

ARTICLE_MODELS = ["article", "author", "category", "image", "pinnedrelation"]

ROLES = {
    # Everything about stories, people, sections, tags and pictures, including
    # publishing, scheduling and unpublishing.
    "Editors": [
        *[(f"{action}_{model}", "articles") for model in ARTICLE_MODELS
          for action in ("add", "change", "delete", "view")],  # fmt: skip
        ("publish_article", "articles"),
        ("view_revision", "articles"),
        ("view_slugredirect", "articles"),
        *[(f"{action}_tag", "taggit") for action in ("add", "change", "delete", "view")],
    ],
    # Their own drafts only (the admin limits them to stories they created); no
    # publish permission, so they can save a draft or submit it for review.
    "Contributors": [
        ("add_article", "articles"),
        ("change_article", "articles"),
        ("view_article", "articles"),
        ("view_author", "articles"),
        ("view_category", "articles"),
        ("add_image", "articles"),
        ("view_image", "articles"),
        ("add_pinnedrelation", "articles"),
        ("change_pinnedrelation", "articles"),
        ("delete_pinnedrelation", "articles"),
        ("view_pinnedrelation", "articles"),
        ("view_revision", "articles"),
        ("view_tag", "taggit"),
    ],
}


def create_roles(apps, schema_editor):
    db = schema_editor.connection.alias
    # Permissions are normally made after all migrations (post_migrate); make the
    # ones these groups need now.
    for label in ("articles", "taggit"):
        app_config = apps.get_app_config(label)
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True
        try:
            create_permissions(app_config, apps=apps, verbosity=0, using=db)
        finally:
            app_config.models_module = models_module

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, wanted in ROLES.items():
        group, _ = Group.objects.using(db).get_or_create(name=name)
        permissions = [
            Permission.objects.using(db).get(codename=codename, content_type__app_label=label)
            for codename, label in wanted
        ]
        group.permissions.set(permissions)


def remove_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.using(schema_editor.connection.alias).filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_editorial"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
