"""The story sanitizer and the comment renderer on nh3: nothing a payload holds cuts
off the rest of a story, and neither needs bleach."""

import ast
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.images import rendition_key
from articles.models import Article
from articles.sanitize import editable_body, sanitize_body
from articles.sanitize.tree import parse
from articles.search import index
from comments.models import Comment
from comments.rendering import render_body

from ..factories import make_article, make_comment, make_image

ROOT = Path(__file__).resolve().parents[2]


def parse_tags(html):
    return [(element.name, element.attrs) for element in parse(html).elements()]


# bleach's regex pre-pass dropped everything after these (8 of 68 audit payloads).
CUT_OFF = [
    "<p>Before.</p><svg><p>After the svg.</p>",
    "<p>Before.</p><svg onload=alert(1)><p>After the svg.</p>",
    "<p>Before. <embed src=/x.swf> After the embed.</p>",
    "<p>Before.</p><embed src=/x.swf><p>After the embed.</p>",
    '<p title="<svg>">Before.</p><p>After the svg.</p>',
    '<p><a href="https://dogs.example/" title="<embed>">Before.</a></p><p>After the embed.</p>',
    "<p>Before.</p><math><mi>x</mi><p>After the math.</p>",
    "<p>Before <svg/> and</p><p>After the svg.</p>",
]


@pytest.mark.parametrize("payload", CUT_OFF)
def test_an_unclosed_or_void_tag_does_not_cut_off_the_story(payload):
    html = sanitize_body(payload)
    assert "Before" in html, html
    assert "After the " in html, html
    tags = {name for name, _ in parse_tags(html)}
    assert tags <= {"p", "a"}
    assert not any(attrs.get("onload") for _, attrs in parse_tags(html))
    assert sanitize_body(html) == html


def test_what_goes_with_its_content_still_goes():
    html = sanitize_body(
        "<p>a</p><svg><script>alert(1)</script><text>drawn</text></svg>"
        "<math><mtext>sum</mtext></math><template><p>t</p></template>"
        "<noscript><p>n</p></noscript><object data=/x><p>o</p></object><p>b</p>"
    )
    assert html == "<p>a</p><p>b</p>"


@pytest.mark.parametrize(
    "body",
    [
        '<blockquote cite="javascript:alert(1)"><p>q</p></blockquote>',
        '<p><q cite=" java\tscript:alert(1)">q</q></p>',
        '<img srcset="https://tracker.example/p.gif 1w" src="/media/images/a.jpg">',
        '<picture><source srcset="https://tracker.example/p.webp"><p>x</p></picture>',
        '<p><a href="https://dogs.example/" rel="opener" onclick="x()">a</a></p>',
        '<aside role="button" class="callout">x</aside>',
        '<figure class="embed" data-provider="x" data-embed-id="1 onerror=x">z</figure>',
    ],
)
def test_what_only_our_rewrites_may_make_cannot_be_sent(body):
    html = sanitize_body(body)
    for word in ["javascript", "tracker", 'opener"', "onclick", "button", "<source", "onerror"]:
        assert word not in html.replace('rel="noopener"', ""), html


def test_a_picture_made_from_the_library_survives_the_last_pass(settings):
    class Picture:
        alt = "A dog"
        pk, width, height, focal_x, focal_y = 7, 1000, 500, 0.5, 0.5
        file = type("F", (), {"name": "images/a.jpg"})()

        @property
        def renditions_key(self):  # made by the worker
            return rendition_key(self)

    html = sanitize_body(
        f'<p>x</p><figure><img src="{settings.MEDIA_URL}images/a.jpg"></figure>',
        pictures={"images/a.jpg": Picture()},
    )
    assert html.startswith('<p>x</p><figure><picture><source type="image/avif" srcset="/media/')
    assert '<source type="image/webp" srcset="/media/' in html
    assert 'alt="A dog" loading="lazy" decoding="async"></picture></figure>' in html
    assert 'width="800" height="400"' in html


def test_editable_body_keeps_the_same_allowlist():
    assert editable_body('<p onclick="x()">a</p><svg><p>b</p>') == "<p>a</p><p>b</p>"
    assert editable_body('<p><a href="javascript:x" rel="noopener">c</a></p>') == "<p><a>c</a></p>"


class TestCommentBodies:
    def test_addresses_are_linked_and_nothing_else(self):
        html = render_body(
            "See https://dogs.example/a?b=1&c=2, www.dogs.example and mail me@dogs.example\n"
            '<a href="javascript:alert(1)">x</a> javascript:alert(1) "quoted"'
        )
        assert html == (
            '<p>See <a href="https://dogs.example/a?b=1&amp;c=2" rel="nofollow ugc noopener">'
            "https://dogs.example/a?b=1&amp;c=2</a>, "
            '<a href="http://www.dogs.example" rel="nofollow ugc noopener">www.dogs.example</a>'
            " and mail me@dogs.example<br>\n"
            "&lt;a href=&quot;javascript:alert(1)&quot;&gt;x&lt;/a&gt; javascript:alert(1) "
            "&quot;quoted&quot;</p>"
        )

    def test_an_address_with_markup_in_it_stays_inert(self):
        html = render_body('https://a.example/"><script>alert(1)</script>')
        assert html == (
            '<p><a href="https://a.example/" rel="nofollow ugc noopener">https://a.example/</a>'
            "&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;</p>"
        )


@pytest.mark.parametrize("folder", ["articles", "comments", "doggydiary", "tools"])
def test_nothing_imports_bleach_or_html5lib(folder):
    for path in (ROOT / folder).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            assert not any(n.split(".")[0] in {"bleach", "html5lib"} for n in names), path


@pytest.mark.django_db
def test_remake_html_makes_every_stored_body_again(client, settings):
    """What migration 0009 did when nh3 replaced bleach, now a command."""
    image = make_image(width=1000, height=500, alt="A dog")
    body = (
        f'<p>Before.</p><figure><img src="{settings.MEDIA_URL}{image.file.name}"></figure>'
        "<svg><p>Zebrafinch after the svg.</p>"
    )
    story = make_article(title="The cut story", body=body)
    comment = make_comment(story, body="See https://dogs.example/ 'now'")
    expected_story, expected_comment = story.body_html, (comment.body_html, comment.card_html)
    assert "<picture>" in expected_story
    assert "Zebrafinch" in expected_story
    # As bleach stored them: the rest of the story cut off at the <svg>.
    Article.objects.update(body_html="<p>Before.</p>", body_text="Before.", reading_time=9)
    Comment.objects.update(body_html="<p>old</p>", card_html="old")
    index.update([story.pk])
    assert (
        b"The cut story" not in client.get(reverse("articles:search"), {"q": "zebrafinch"}).content
    )

    out = StringIO()
    call_command("remake_html", stdout=out)
    assert out.getvalue().strip() == "Made again: 1 story body, 1 comment."

    story.refresh_from_db()
    assert story.body_html == expected_story
    assert story.body_text == "Before.\nZebrafinch after the svg."
    assert story.reading_time == 1
    comment.refresh_from_db()
    assert (comment.body_html, comment.card_html) == expected_comment
    assert b"The cut story" in client.get(reverse("articles:search"), {"q": "zebrafinch"}).content
    # A second run finds nothing to change.
    with CaptureQueriesContext(connection) as second:
        call_command("remake_html", stdout=StringIO())
    assert not [q for q in second.captured_queries if q["sql"].startswith("UPDATE")]
