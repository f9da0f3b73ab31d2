"""gunicorn's settings for Doggy Diary (`make run` passes it with --config; gunicorn also
reads it by itself when started from this folder).

- X-Forwarded-Proto is trusted only behind the TLS proxy (BEHIND_TLS_PROXY=true), and
  then only from FORWARDED_ALLOW_IPS (default: the proxy on this machine). Otherwise a
  local client could claim https by sending the header itself.
- The access log keeps no client address and never a secret from an address: the
  `?pending=` link, any query value named like a token or key, a signed path segment
  (`value:signature`) and the same inside the Referer are written as REDACTED.
- No control socket unless GUNICORN_CONTROL_SOCKET names one for this instance.
"""

import os
import re
from urllib.parse import unquote_plus

from gunicorn.glogging import Logger

TRUE = {"1", "true", "yes", "on"}
REDACTED = "REDACTED"
# Query names whose values are secrets: the pending-comment link and anything a token.
SECRET_NAME = re.compile(r"pending|token|key|sig|signature|secret|password|.*[_-](token|key)", re.I)
SIGNED_SEGMENT = re.compile(r":|%3a", re.I)  # django.core.signing joins value and signature
# Request headers and environ entries that carry an address or a credential.
PRIVATE_ATOMS = {"h", "{x-forwarded-for}i", "{x-real-ip}i", "{forwarded}i", "{cookie}i",
                 "{authorization}i", "{remote_addr}e", "{http_x_forwarded_for}e",
                 "{http_x_real_ip}e", "{http_forwarded}e", "{http_cookie}e",
                 "{http_authorization}e", "{remote_port}e"}  # fmt: skip
URL_ATOMS = {"f", "{referer}i", "{http_referer}e", "{raw_uri}e", "{path_info}e", "U"}


def redact_query(query):
    """``query`` (the part after ``?``) with the values of secret names replaced."""
    parts = []
    for part in query.split("&"):
        name, sep, _value = part.partition("=")
        if sep and SECRET_NAME.fullmatch(unquote_plus(name).strip()):
            part = f"{name}={REDACTED}"
        parts.append(part)
    return "&".join(parts)


def redact_url(url):
    """A path, a path with a query, or a full address (a Referer) with its secrets out."""
    url, question, query = url.partition("#")[0].partition("?")
    scheme, sep, rest = url.partition("://")
    if not sep:
        scheme, rest = "", url
    authority, slash, path = rest.partition("/") if sep else ("", "", rest)
    segments = [REDACTED if SIGNED_SEGMENT.search(s) else s for s in path.split("/")]
    path = "/".join(segments)
    redacted = f"{scheme}{sep}{authority}{slash}{path}"
    if question:
        redacted += "?" + redact_query(query)
    return redacted


class PrivateAccessLogger(Logger):
    """gunicorn's logger with the access log's atoms cleaned before any format sees them."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        return clean_atoms(atoms)


def clean_atoms(atoms):
    for name in PRIVATE_ATOMS & atoms.keys():
        atoms[name] = "-"
    for name in URL_ATOMS & atoms.keys():
        if atoms[name] and atoms[name] != "-":
            atoms[name] = redact_url(atoms[name])
    for name in ("q", "{query_string}e"):
        if atoms.get(name):
            atoms[name] = redact_query(atoms[name])
    method, _, rest = (atoms.get("r") or "").partition(" ")
    target, _, protocol = rest.rpartition(" ")
    if target:
        atoms["r"] = f"{method} {redact_url(target)} {protocol}"
    return atoms


def behind_tls_proxy(environ=os.environ):
    return environ.get("BEHIND_TLS_PROXY", "").strip().lower() in TRUE


def forwarded_ips(environ=os.environ):
    """Whose X-Forwarded-Proto gunicorn believes: nobody's unless behind the TLS proxy."""
    if not behind_tls_proxy(environ):
        return ""
    return environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")


forwarded_allow_ips = forwarded_ips()
logger_class = PrivateAccessLogger
# Time, request (redacted), status, bytes, milliseconds, referrer (redacted), browser.
access_log_format = '%(t)s "%(r)s" %(s)s %(b)s %(M)sms "%(f)s" "%(a)s"'
# gunicorn's control socket (for `gunicornc`, gunicorn 25.1 and later) is per instance
# or none: left to its default, every gunicorn on a machine would announce the same
# ~/.gunicorn/gunicorn.ctl. GUNICORN_CONTROL_SOCKET names this instance's.
if os.environ.get("GUNICORN_CONTROL_SOCKET"):
    control_socket = os.environ["GUNICORN_CONTROL_SOCKET"]
else:
    control_socket_disable = True
