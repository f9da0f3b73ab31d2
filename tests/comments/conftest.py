"""Fixtures for the comment tests (the story and the rules are in the root conftest.py)."""

import pytest

from comments.mail.subscribe import confirm, subscribe


@pytest.fixture
def confirmed():
    """Subscribe an address and confirm it at once, as the link would."""

    def make(email, kind, **target):
        subscription = subscribe(email, kind, **target)
        confirm(subscription.subscriber)
        return subscription

    return make
