"""A mail link with a made-up signature answers the same whether or not its
subscriber id exists, so trying ids tells a stranger nothing."""

import pytest
from django.urls import reverse

from comments.mail import links
from comments.mail.models import Subscription

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("purpose", [links.UNSUBSCRIBE, links.CONFIRM, links.MANAGE])
def test_an_existing_id_and_a_missing_one_get_one_answer(client, confirmed, purpose):
    digest = confirmed("fan@example.com", Subscription.Kind.DIGEST)
    real = digest.subscriber.pk
    route = links._ROUTES[purpose]
    answers = set()
    for token in (f"{real}.anything", f"{real + 1000}.anything"):
        for method in (client.get, client.post):
            data = {"List-Unsubscribe": "One-Click"} if method == client.post else None
            response = method(reverse(route, args=[token]), data)
            answers.add((response.status_code, response.text))
    assert len(answers) == 1
    [(status, _text)] = answers
    assert status == 400
    assert Subscription.objects.filter(pk=digest.pk).exists()
