import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from doggydiary.roles import MODERATORS

pytestmark = pytest.mark.django_db


def test_demo_accounts_get_generated_passwords_printed_once(capsys):
    call_command("demo_accounts")
    first = capsys.readouterr().out
    passwords = dict(
        (line.split()[2], line.split()[4]) for line in first.splitlines() if "password" in line
    )
    assert set(passwords) == {"admin", "editor", "contributor", "moderator"}
    User = get_user_model()
    for username, password in passwords.items():
        assert len(password) >= 16
        assert User.objects.get(username=username).check_password(password)
    assert User.objects.get(username="moderator").groups.filter(name=MODERATORS).exists()
    assert not User.objects.get(username="moderator").is_superuser
    assert User.objects.get(username="editor").has_perm("articles.publish_article")
    assert not User.objects.get(username="contributor").has_perm("articles.publish_article")

    call_command("demo_accounts")
    again = capsys.readouterr().out
    assert "password" not in again.replace("passwords", "")
    assert "--reset" in again

    call_command("demo_accounts", "--reset")
    reset = capsys.readouterr().out
    new = dict(
        (line.split()[2], line.split()[4]) for line in reset.splitlines() if "password" in line
    )
    assert new["admin"] != passwords["admin"]
