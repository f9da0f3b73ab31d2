import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Create the demo admin account with a generated password, printed once. "
        "With --reset, give existing demo accounts new passwords and print them."
    )

    def add_arguments(self, parser):
        parser.add_argument("--reset", action="store_true", help="Set and print new passwords.")

    def handle(self, *args, reset=False, **options):
        User = get_user_model()
        user, created = User.objects.get_or_create(
            username="admin",
            defaults={"is_staff": True, "is_superuser": True, "email": "admin@localhost"},
        )
        if created or reset:
            password = secrets.token_urlsafe(12)
            user.set_password(password)
            user.save(update_fields=["password"])
            self.stdout.write(f"  admin account: username admin, password {password}")
        else:
            self.stdout.write(
                "  admin account exists; for a new password run: "
                ".venv/bin/python manage.py demo_accounts --reset"
            )
