"""A comment with no web address skips Django's urlize (an import renders a hundred
thousand): its HTML must be exactly what urlize makes."""

from hypothesis import given, settings
from hypothesis import strategies as st

from comments import rendering

WORDS = st.sampled_from([
    "dog", "walk.", "e.g.", "a@b", "x:y", "<b>", "&amp;", '"q"', "'s", "(park)", "[1]",
    "example.co.uk", "ratio 3.5", "http", "www", "com", "mail@example", "\n", "\n\n", " ",
])  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS, max_size=30).map("".join))
def test_text_without_addresses_renders_as_urlize_would(text):
    slow = "".join(
        "<p>" + rendering._link_addresses(p, autoescape=True).replace("\n", "<br>\n") + "</p>"
        for p in [p.strip() for p in rendering._PARAGRAPHS.split(rendering.clean_text(text))]
        if p
    )
    fast = "".join(
        "<p>" + rendering._linked(p).replace("\n", "<br>\n") + "</p>"
        for p in [p.strip() for p in rendering._PARAGRAPHS.split(rendering.clean_text(text))]
        if p
    )
    assert fast == slow


def test_addresses_are_still_linked():
    html = rendering.render_body("See www.example.com and https://example.org/x today.")
    assert html.count("<a ") == 2
