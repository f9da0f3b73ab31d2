"""Nothing an anonymous stranger sends gives a 500, and nothing they send mails ADMINS
(issue 12, item 5): a server error mails every admin, so each 500 a stranger can cause
is also a way to flood the admins' inbox."""

from urllib.parse import urlencode

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from comments.models import Comment

from ..factories import make_comment
from ..helpers import post_comment, shown_ago

pytestmark = pytest.mark.django_db

NON_ASCII_DIGITS = ["²", "١٢", "߁", "𝟗", "૩", "½", "Ⅻ"]


@pytest.fixture(name="stranger")
def stranger_fixture(settings):
    settings.ADMINS = [("Admin", "admin@example.com")]
    settings.COMMENT_RATE_LIMIT = 0
    return Client(raise_request_exception=False)


def assert_quiet(response):
    assert response.status_code < 500, response.status_code
    assert mail.outbox == [], [message.subject for message in mail.outbox]


@pytest.mark.parametrize("value", NON_ASCII_DIGITS)
def test_replytocom_with_non_ascii_digits(stranger, story, value):
    make_comment(story)
    for name in ["replytocom", "cpage", "page"]:
        response = stranger.get(story.get_absolute_url(), {name: value})
        assert_quiet(response)
        assert response.status_code in {200, 404}


@pytest.mark.parametrize("origin", ["http://[::1", "http://[", "https://exa mple.org", "\x00"])
def test_comment_post_with_a_broken_origin(stranger, story, origin):
    response = post_comment(stranger, story, headers={"origin": origin})
    assert_quiet(response)
    assert not Comment.objects.exists()


def _encoded_post(client, story, charset, body):
    fields = {
        "body": body,
        "name": "Zoë Ñúñez",
        "email": "zoe@example.com",
        "shown": shown_ago(),
    }
    payload = urlencode(fields, encoding=charset)
    return client.post(
        reverse("comments:create", args=[story.slug]),
        payload,
        content_type=f"application/x-www-form-urlencoded; charset={charset}",
        headers={"origin": "http://testserver"},
    )


@pytest.mark.parametrize("charset", ["latin-1", "utf-16", "utf-32", "x-no-such-charset"])
def test_comment_form_in_other_charsets(stranger, story, charset):
    encoding = "utf-8" if charset.startswith("x-") else charset
    response = _encoded_post(stranger, story, encoding, "Ça me plaît, señor.")
    assert_quiet(response)


@pytest.mark.parametrize("charset", ["latin-1", "utf-16"])
def test_comment_form_in_another_charset_keeps_the_text(stranger, story, charset):
    response = _encoded_post(stranger, story, charset, "Ça me plaît, señor.")
    assert response.status_code == 303
    comment = Comment.objects.get()
    assert (comment.body, comment.name) == ("Ça me plaît, señor.", "Zoë Ñúñez")


def test_raw_undecodable_bodies(stranger, story):
    url = reverse("comments:create", args=[story.slug])
    for content_type, body in [
        ("application/x-www-form-urlencoded; charset=utf-16", b"\xff\xfeb\x00o\x00d\x00y"),
        ("application/x-www-form-urlencoded; charset=utf-16", b"\x00"),
        ("application/x-www-form-urlencoded", b"body=%ff%fe&name=%c3%28"),
        ("multipart/form-data; boundary=x", b"--x\r\nContent-Disposition: form-data\r\n\r\n"),
        ("multipart/form-data", b"garbage"),
        ("text/plain; charset=utf-16", "body=hello".encode("utf-16")),
        ("application/x-www-form-urlencoded; charset=rot13", b"body=uryyb"),
        ("application/x-www-form-urlencoded; charset=base64", b"Ym9keT1oaQ=="),
    ]:
        response = stranger.generic(
            "POST", url, body, content_type=content_type, headers={"origin": "http://testserver"}
        )
        assert_quiet(response)


def test_bad_hosts_mail_nobody(stranger, story):
    for host in ["evil.example", "127.0.0.1:8000@evil", "", "a" * 300, "[::1", "exa mple"]:
        response = stranger.get("/", headers={"host": host})
        assert response.status_code == 400, host
        assert_quiet(response)
    response = post_comment(stranger, story, headers={"host": "evil.example"})
    assert response.status_code == 400
    assert_quiet(response)


def test_too_many_fields_mail_nobody(stranger, story, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    response = post_comment(stranger, story, **{f"x{n}": "1" for n in range(20)})
    assert response.status_code == 400
    assert_quiet(response)


def test_a_forwarded_address_that_is_not_one(stranger, story, settings):
    """Behind the proxy the sender's address comes from X-Forwarded-For; junk there is
    not stored in the address column (PostgreSQL's inet would refuse it with a 500)."""
    settings.NUM_PROXIES = 1
    for forwarded in ["<script>", "1.2.3.4.5", "::g", "x" * 300]:
        response = post_comment(
            stranger,
            story,
            body=f"Sent through a proxy saying {forwarded[:10]}.",
            environ={"HTTP_X_FORWARDED_FOR": forwarded, "REMOTE_ADDR": "10.0.0.1"},
        )
        assert_quiet(response)
        assert response.status_code == 303
    assert set(Comment.objects.values_list("ip_address", flat=True)) == {"10.0.0.1"}
