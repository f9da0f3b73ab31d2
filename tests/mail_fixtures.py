"""A real SMTP server on loopback for the mail tests (aiosmtpd), and the settings
that route the site's mail through the outbox to it.

``smtp_server.messages`` holds what it received (email.message.Message objects);
``stop()`` takes it away (connections are refused) and ``start()`` brings it back
on the same port.
"""

import email
import email.policy
import logging
import socket

import pytest
from aiosmtpd.controller import Controller


class Collector:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append(message)
        return "250 OK"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SMTPServer:
    def __init__(self):
        self.handler = Collector()
        self.port = free_port()
        self.controller = None

    @property
    def messages(self):
        return self.handler.messages

    def to(self, address):
        return [m for m in self.messages if m["To"] == address]

    def start(self):
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture(name="smtp_server")
def smtp_server_fixture(settings):
    """A running loopback SMTP server; the site's mail goes to the outbox and the
    worker delivers it here."""
    logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd's chatter
    server = SMTPServer()
    server.start()
    settings.EMAIL_BACKEND = "doggydiary.outbox.backend.OutboxBackend"
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    settings.SITE_URL = "http://testserver"
    try:
        yield server
    finally:
        server.stop()


def text_of(message):
    """The plain-text part of a received message."""
    return message.get_body(preferencelist=("plain",)).get_content()


def html_of(message):
    return message.get_body(preferencelist=("html",)).get_content()


def link_in(message, fragment):
    """The first address in the message's text that contains ``fragment``, as a path."""
    import re

    for address in re.findall(r"https?://\S+", text_of(message)):
        if fragment in address:
            return address.replace("http://testserver", "")
    raise AssertionError(f"No link with {fragment!r} in:\n{text_of(message)}")


@pytest.fixture(name="confirmed")
def confirmed_fixture():
    """Subscribe an address and confirm it at once, as the link would."""
    from comments.mail.subscribe import confirm, subscribe

    def make(email, kind, **target):
        subscription = subscribe(email, kind, **target)
        confirm(subscription.subscriber)
        return subscription

    return make
