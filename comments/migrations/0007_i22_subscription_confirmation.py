from django.db import migrations, models


def confirm_existing(apps, schema_editor):
    """Subscriptions of confirmed addresses were getting mail: they stay confirmed."""
    Subscription = apps.get_model("comments", "Subscription")
    for subscription in Subscription.objects.filter(
        subscriber__confirmed_at__isnull=False
    ).select_related("subscriber"):
        subscription.confirmed_at = subscription.subscriber.confirmed_at
        subscription.save(update_fields=["confirmed_at"])


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0006_admin_lists"),
    ]

    operations = [
        migrations.AddField(
            model_name="subscription",
            name="confirmed_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="subscription",
            name="confirmation_sent_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(confirm_existing, migrations.RunPython.noop),
    ]
