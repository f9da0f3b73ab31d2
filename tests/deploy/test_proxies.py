"""Behind the documented proxy the app is told how many proxies there are (issue 12,
item 1): a system check warns when it is not, and both deploy recipes set it."""

import re
from pathlib import Path

from django.core.checks import Warning as CheckWarning
from django.core.checks import run_checks
from django.test import RequestFactory

from comments.services import client_ip

ROOT = Path(__file__).resolve().parents[2]


def our_messages(**kwargs):
    return [m for m in run_checks(**kwargs) if m.id and m.id.startswith("doggydiary.")]


def test_behind_the_proxy_without_num_proxies_warns(settings):
    settings.BEHIND_TLS_PROXY = True
    settings.NUM_PROXIES = 0
    messages = our_messages()
    assert [(m.id, type(m)) for m in messages] == [("doggydiary.W001", CheckWarning)]
    assert "NUM_PROXIES" in messages[0].msg


def test_behind_the_proxy_with_num_proxies_is_quiet(settings):
    settings.BEHIND_TLS_PROXY = True
    settings.NUM_PROXIES = 1
    assert our_messages() == []


def test_the_default_environment_is_quiet(settings):
    """`make test` runs `manage.py check --fail-level WARNING` with no environment."""
    settings.BEHIND_TLS_PROXY = False
    settings.NUM_PROXIES = 0
    assert our_messages() == []


def test_every_recipe_behind_the_proxy_sets_num_proxies():
    """The operator's docs: one machine (operating.md, Deploying) and several
    (scaling-out.md); each recipe that trusts the proxy counts it."""
    operating = (ROOT / "docs" / "operating.md").read_text()
    deploying = operating.split("## Deploying", 1)[1].split("\n## ", 1)[0]
    scaling = (ROOT / "docs" / "scaling-out.md").read_text()
    for text in (deploying, scaling):
        recipes = re.findall(r"```sh\n(.*?)```", text, re.S)
        with_proxy = [r for r in recipes if "BEHIND_TLS_PROXY=true" in r]
        assert with_proxy
        assert all("NUM_PROXIES=1" in recipe for recipe in with_proxy)
    assert "NUM_PROXIES=1" in (ROOT / "deploy" / "nginx.conf").read_text()


def test_a_reader_behind_the_proxy_is_counted_by_their_own_address(settings):
    """With NUM_PROXIES=1 two readers behind nginx do not share one comment limit."""
    settings.NUM_PROXIES = 1
    factory = RequestFactory()
    first = factory.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.1")
    second = factory.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="1.1.1.1, 203.0.113.2")
    assert (client_ip(first), client_ip(second)) == ("203.0.113.1", "203.0.113.2")
