"""Posting comments the way a browser does, for the comment tests."""

import time

from django.core import signing
from django.urls import reverse

from comments.tokens import FORM_SALT


def shown_ago(seconds=60):
    """The form's signed 'shown at' token, as if the page was loaded ``seconds`` ago."""
    return signing.dumps(time.time() - seconds, salt=FORM_SALT)


def post_comment(client, article, headers=None, environ=None, **fields):
    data = {
        "body": "What a lovely story.",
        "name": "Jo Reader",
        "email": "jo@example.com",
        "website": "",
        "shown": shown_ago(),
        **fields,
    }
    data = {key: value for key, value in data.items() if value is not None}
    return client.post(
        reverse("comments:create", args=[article.slug]),
        data,
        headers={"origin": "http://testserver", **(headers or {})},
        **(environ or {}),
    )
