"""The default mail backend when no SMTP server is configured: the console, but in
production (DEBUG off) only a message's headers are printed, never its text, so a
commenter's words and links do not end up in the server's logs. With DEBUG on it is
Django's console backend, whole messages included."""

from django.conf import settings
from django.core.mail.backends import console

SHOWN_HEADERS = ("Date", "From", "To", "Cc", "Subject", "Message-ID")


def masked_address(address):
    """``j***@example.com``: enough to tell recipients apart, not to collect them."""
    name, at, domain = address.strip().rpartition("@")
    return f"{name[:1]}***@{domain}" if at else "***"


class EmailBackend(console.EmailBackend):
    def write_message(self, message):
        if settings.DEBUG:
            return super().write_message(message)
        parsed = message.message()
        lines = []
        for name in SHOWN_HEADERS:
            value = parsed.get(name)
            if value is None:
                continue
            if name in {"To", "Cc"}:
                value = ", ".join(masked_address(a) for a in str(value).split(","))
            lines.append(f"{name}: {value}")
        recipients = len(message.recipients())
        lines.append(f"(text not shown: DEBUG is off; {recipients} recipient(s))")
        self.stream.write("\n".join(lines) + "\n" + "-" * 79 + "\n")
        return None
