import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand

from doggydiary.roles import CONTRIBUTORS, EDITORS, MODERATORS

# username -> (group, is_superuser); each account's password is generated and
# printed once, never written anywhere.
ACCOUNTS = {
    "admin": (None, True),
    "editor": (EDITORS, False),
    "contributor": (CONTRIBUTORS, False),
    "moderator": (MODERATORS, False),
}


class Command(BaseCommand):
    help = (
        "Create the demo accounts (one per role) with generated passwords, printed once. "
        "With --reset, give them new passwords and print those."
    )

    def add_arguments(self, parser):
        parser.add_argument("--reset", action="store_true", help="Set and print new passwords.")

    def handle(self, *args, reset=False, **options):
        User = get_user_model()
        existing = []
        for username, (group_name, superuser) in ACCOUNTS.items():
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "is_staff": True,
                    "is_superuser": superuser,
                    "email": f"{username}@localhost",
                },
            )
            if group_name:
                user.groups.add(Group.objects.get(name=group_name))
            if created or reset:
                password = secrets.token_urlsafe(12)
                user.set_password(password)
                user.save(update_fields=["password"])
                role = group_name or "superuser"
                self.stdout.write(f"  {role:<12} username {username:<10} password {password}")
            else:
                existing.append(username)
        if existing:
            self.stdout.write(
                f"  Accounts {', '.join(existing)} already exist; for new passwords run: "
                ".venv/bin/python manage.py demo_accounts --reset"
            )
