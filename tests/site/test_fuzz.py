"""No 5xx for anything a stranger sends (issue 12): every public URL pattern (found by
walking the URL resolver, so a new page is fuzzed without anyone listing it), with
random path segments and random query parameters, and every field of the comment form
in several encodings. Each test prints how many requests it made."""

import re
import string
from urllib.parse import quote, urlencode

import pytest
from django.core import mail
from django.test import Client
from django.urls import URLResolver, get_resolver
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from ..factories import make_article, make_comment
from ..helpers import shown_ago

pytestmark = pytest.mark.django_db


def fuzz(examples):
    """Bounded: the three tests make about 600 requests, under a minute on SQLite."""
    return hypothesis_settings(
        max_examples=examples,
        deadline=None,
        database=None,  # nothing written into the checkout
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


REQUESTS = {}

# Every query parameter a view reads, and a few it does not.
PARAMS = ["page", "cpage", "q", "replytocom", "pending", "section", "tag", "author",
          "next", "token", "format", "utm_source", "preview", "remember"]  # fmt: skip
AWKWARD = [
    "", "0", "-1", "1e9", "9" * 40, "²", "١٢", "߁", "𝟗", "Ⅻ", "½", "\x00", "%00", "%ff%fe",
    "%", "%%", "%C0%AF", "../../etc/passwd", "<script>alert(1)</script>", "' OR 1=1 --",
    '"', "\\", "\u202e", "\ud7ff", "😀" * 30, "a" * 2000, " ", "+", "&", "=", "#", "?",
    "NaN", "inf", "None", "true", "[]", "{}", "null", "1.5", " 1", "1 ", "0x10",
]  # fmt: skip
FORM_NAMES = ["email", "name", "sections", "frequency", "body", "action", "confirm",
              "List-Unsubscribe", "website", "shown"]  # fmt: skip
CONVERTER = re.compile(r"<(?:(\w+):)?(\w+)>")

text = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=60)
value = st.one_of(st.sampled_from(AWKWARD), text, st.integers().map(str))


def public_routes():
    """Every route outside the admin, as (route text, pattern kind)."""

    def walk(patterns, prefix):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                if not route.startswith("admin/"):
                    yield from walk(pattern.url_patterns, route)
            else:
                yield route

    return list(walk(get_resolver().url_patterns, ""))


ROUTES = public_routes()


@pytest.fixture(name="site")
def site_fixture(settings):
    settings.ADMINS = [("Admin", "admin@example.com")]
    settings.COMMENT_RATE_LIMIT = 0
    story = make_article(slug="a-story", tags=["dogs"])
    make_comment(story)
    return story


def segment(draw, converter, site):
    """A value for one ``<converter:name>`` of a route: real ones and junk."""
    real = {
        "slug": [site.slug, site.category.slug, site.author.slug, "dogs"],
        "int": [str(site.comments.first().pk), "1"],
    }.get(converter, ["1", "2026-01", "stories-2026-01", "tags"])
    raw = draw(st.one_of(st.sampled_from(real), value))
    return raw if draw(st.booleans()) else quote(raw, safe="")


def query(draw):
    pairs = draw(st.lists(st.tuples(st.one_of(st.sampled_from(PARAMS), text), value), max_size=4))
    if draw(st.booleans()):
        return urlencode(pairs)
    # As a stranger might type it: nothing escaped that does not have to be.
    return "&".join(f"{quote(n, safe='%')}={quote(v, safe='%=&+')}" for n, v in pairs)


@st.composite
def addresses(draw, site):
    route = draw(st.sampled_from(ROUTES))
    if route.startswith("^"):  # the media regex
        path = "media/" + draw(st.one_of(st.just("renditions/1/a/hero-800.webp"), text.map(quote)))
    else:
        path = CONVERTER.sub(lambda m: segment(draw, m.group(1) or "str", site), route)
    return "/" + path + "?" + query(draw)


def assert_no_server_error(response, url):
    assert response.status_code < 500, (url, response.status_code)


def count(name, n=1):
    REQUESTS[name] = REQUESTS.get(name, 0) + n


@pytest.fixture(autouse=True, scope="module")
def _report():
    yield
    total = sum(REQUESTS.values())
    print(f"\nfuzz requests: {REQUESTS} total {total}")


def test_every_route_with_random_segments_and_parameters(site):
    client = Client(raise_request_exception=False)

    @fuzz(250)
    @given(data=st.data())
    def check(data):
        url = data.draw(addresses(site))
        method = data.draw(st.sampled_from(["get", "get", "head", "post"]))
        if method == "post":  # the forms a stranger may send: follow, newsletter, mail links
            form = data.draw(st.dictionaries(st.sampled_from(FORM_NAMES), value, max_size=4))
            response = client.post(url, form, headers={"origin": "http://testserver"})
        else:
            response = getattr(client, method)(url)
        count("routes")
        assert_no_server_error(response, url)

    check()
    assert mail.outbox == []


FIELDS = ["body", "name", "email", "website", "remember", "parent", "shown", "honeypot"]
ENCODINGS = ["utf-8", "latin-1", "utf-16", "cp1252", "utf-32", "x-unknown", "rot13", None]


def field_value(draw, name):
    typical = {
        "email": ["jo@example.com", "a@b", "@", "jo@exa mple.com"],
        "website": ["https://example.org/", "javascript:alert(1)", "http://[::1", "//x"],
        "shown": [shown_ago(), shown_ago(-3600), shown_ago(10**9), "x:y:z"],
        "parent": ["1", "-1", "0", "99999999999999999999"],
        "remember": ["on", "true", "off"],
        "body": ["A kind comment about the dog.", "<b>bold</b> http://example.org"],
    }.get(name, ["Jo"])
    return draw(st.one_of(st.sampled_from(typical), value))


@st.composite
def comment_posts(draw):
    names = draw(st.lists(st.sampled_from(FIELDS + ["extra", "body"]), max_size=10))
    fields = [(name, field_value(draw, name)) for name in names]
    return fields, draw(st.sampled_from(ENCODINGS)), draw(st.booleans())


def encoded(fields, encoding):
    """The form's body in ``encoding``, as a client using that charset would send it."""
    if encoding in {None, "x-unknown", "rot13"}:
        return urlencode(fields).encode()
    text_form = urlencode([(n, v.encode(encoding, "replace")) for n, v in fields])
    if encoding.startswith("utf-16") or encoding.startswith("utf-32"):
        return text_form.encode(encoding)  # the whole body in that charset
    return text_form.encode("ascii")


def test_every_comment_field(site):
    client = Client(raise_request_exception=False)
    url = f"/story/{site.slug}/comments/"

    @fuzz(150)
    @given(post=comment_posts(), origin=st.sampled_from(["http://testserver", "http://[::1", ""]))
    def check(post, origin):
        fields, encoding, multipart = post
        headers = {"origin": origin} if origin else {}
        if multipart and encoding in {None, "utf-8"}:
            response = client.post(url, dict(fields), headers=headers)
        else:
            content_type = "application/x-www-form-urlencoded"
            if encoding:
                content_type += f"; charset={encoding}"
            body = encoded(fields, encoding)
            response = client.generic("POST", url, body, content_type=content_type, headers=headers)
        count("comment form")
        assert_no_server_error(response, (fields, encoding))

    check()
    assert [m for m in mail.outbox if "admin@example.com" in m.to] == []


def test_raw_bytes_in_paths_and_queries(site):
    """Bytes that are not UTF-8 at all, sent percent-escaped as a stranger's client
    might, on every route's first segment."""
    client = Client(raise_request_exception=False)
    prefixes = sorted({"/" + route.split("/")[0] + "/" for route in ROUTES if route[:1] != "^"})

    @fuzz(200)
    @given(
        prefix=st.sampled_from(prefixes),
        junk=st.binary(max_size=30),
        name=st.sampled_from(PARAMS),
    )
    def check(prefix, junk, name):
        escaped = quote(junk, safe=string.ascii_letters)
        url = f"{prefix}{escaped}/?{name}={escaped}"
        response = client.get(url)
        count("raw bytes")
        assert_no_server_error(response, url)

    check()
