"""Properties of the sanitizer over tag soup: cleaning twice changes nothing, and what
comes out can run no script, whatever goes in."""

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.sanitize import editable_body, sanitize_body
from articles.sanitize.tree import parse
from comments.rendering import render_body

TAGS = [
    "p", "a", "img", "figure", "figcaption", "blockquote", "aside", "cite", "ol", "li", "h2",
    "br", "hr", "picture", "source", "script", "style", "svg", "math", "iframe", "embed",
    "object", "template", "noscript", "textarea", "table", "td", "div", "base", "form",
    "input", "title", "select", "option", "mi", "foreignObject", "desc", "xmp", "plaintext",
]  # fmt: skip
ATTRIBUTES = [
    "href", "src", "srcset", "class", "style", "onclick", "onerror", "onload", "rel",
    "role", "data-provider", "data-embed-id", "cite", "type", "start", "title", "alt",
    "xlink:href", "formaction", "action", "target",
]  # fmt: skip
VALUES = [
    "javascript:alert(1)", " JaVa\tScRiPt:alert(1)", "vbscript:msgbox(1)",
    "data:text/html,<script>alert(1)</script>", "data:image/png;base64,AAAA",
    "https://dogs.example/", "https://youtu.be/dQw4w9WgXcQ", "/media/images/a.jpg",
    "//tracker.example/p.gif", "callout", "embed", "attribution", "embed-link", "youtube",
    "note", "noopener", "x\" onload=\"alert(1)", "<svg>", "<embed>", "a", "1",
]  # fmt: skip
TEXT = st.sampled_from(
    ["Woof", " ", "\n", "&amp;", "&", "<", ">", "'", '"', "https://youtu.be/dQw4w9WgXcQ",
     "é 🐶", "\x00", "&#0;", "&lt;script&gt;"]
)  # fmt: skip

attribute = st.tuples(st.sampled_from(ATTRIBUTES), st.sampled_from(VALUES)).map(
    lambda pair: f' {pair[0]}="{pair[1]}"' if '"' not in pair[1] else f" {pair[0]}='{pair[1]}'"
)
start_tag = st.tuples(
    st.sampled_from(TAGS), st.lists(attribute, max_size=3), st.sampled_from([">", "/>", ""])
).map(lambda t: f"<{t[0]}{''.join(t[1])}{t[2] or '>'}")
end_tag = st.sampled_from(TAGS).map(lambda name: f"</{name}>")
oddities = st.sampled_from(
    ["<!-- note -->", "<!--", "-->", "<![CDATA[<script>alert(1)</script>]]>", "<!doctype html>",
     "<?php ?>", "</", "<p", '"', "<a href='javascript:alert(1)'>", "<svg><p>out</p>",
     "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>"]
)  # fmt: skip
soup = st.lists(st.one_of(start_tag, end_tag, TEXT, oddities), max_size=30).map("".join)

SCRIPT_CAPABLE = {
    "script", "style", "iframe", "object", "embed", "svg", "math", "frame", "frameset",
    "base", "link", "meta", "form", "input", "button", "textarea", "template", "noscript",
}  # fmt: skip
URL_ATTRIBUTES = {"href", "src", "srcset", "cite", "action", "formaction", "xlink:href"}
BAD_SCHEME = re.compile(r"^\s*(javascript|vbscript|data):", re.IGNORECASE)


def assert_inert(html, elements_allowed):
    for element in parse(html).elements():
        assert element.name in elements_allowed, (element.name, html)
        assert element.name not in SCRIPT_CAPABLE
        for name, value in element.attrs.items():
            assert not name.startswith("on"), (name, html)
            assert name != "style"
            if name in URL_ATTRIBUTES:
                assert not BAD_SCHEME.match(re.sub(r"[\x00-\x20]", "", value)), (name, html)
            if element.name in {"img", "source"} and name in {"src", "srcset"}:
                assert value.startswith("/media/"), html
                assert "//" not in value, html


STORY_ELEMENTS = {
    "p", "br", "h2", "h3", "h4", "strong", "em", "b", "i", "s", "sub", "sup", "code", "pre",
    "a", "ul", "ol", "li", "blockquote", "cite", "q", "figure", "figcaption", "img", "hr",
    "aside", "picture", "source",
}  # fmt: skip
# No example database: nothing written into the checkout.
QUICK = settings(
    max_examples=300, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)


@QUICK
@given(soup)
def test_a_story_body_is_cleaned_once_for_all(body):
    once = sanitize_body(body)
    assert sanitize_body(once) == once
    assert_inert(once, STORY_ELEMENTS - {"picture", "source", "img"})


@QUICK
@given(soup)
def test_a_body_opened_in_the_editor_is_inert_and_stable(body):
    once = editable_body(body)
    assert editable_body(once) == once
    assert_inert(once, STORY_ELEMENTS - {"picture", "source"})


@QUICK
@given(soup)
def test_a_comment_shows_what_was_typed_and_runs_nothing(text):
    html = render_body(text)
    assert_inert(html, {"p", "br", "a"})
    for link in parse(html).elements("a"):
        assert link.attrs["rel"] == "nofollow ugc noopener"
        assert link.attrs["href"].startswith(("http://", "https://"))
