"""The reader templates' Jinja2 environment: the comment form's inputs, written out by
hand for speed, say what Django's widgets would; the quick date filter and links say
what Django's would; a preview with parts missing and the 500 page still render."""

import unicodedata
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.template import engines, loader
from django.template.defaultfilters import date as django_date
from django.urls import NoReverseMatch, reverse
from django.utils.timezone import template_localtime

from comments.forms import CommentForm
from comments.threads import FormEntry
from doggydiary.jinja2 import date, excerpt
from doggydiary.routes import route_url

from ..factories import story_form
from ..helpers import parse_html

pytestmark = pytest.mark.django_db

FIELDS = ["body", "name", "email", "website", "remember", "honeypot", "parent", "shown"]


def discussion_html(story, rules, form):
    """The discussion as the story page shows it with ``form``: sent back with its
    errors, or on a GET its starting values alone (the page builds no Form then)."""
    section = engines["jinja2"].env.get_template("comments/section.html").module
    entry = FormEntry.sent(form) if form.is_bound else FormEntry(dict(form.initial))
    discussion = {"entry": entry, "rules": rules, "closed": False, "total": 0}
    return str(section.discussion_section(story, {**discussion, "replying_to": None}))


def same_entities(html):
    """Django writes ' and " as &#x27; and &quot;, MarkupSafe as &#39; and &#34;."""
    return html.replace("&#x27;", "&#39;").replace("&quot;", "&#34;")


@pytest.mark.parametrize(
    "make_form",
    [
        lambda story, rules: CommentForm(initial={"shown": "t0k:en"}, article=story, rules=rules),
        lambda story, rules: CommentForm(
            initial={"shown": "t", "name": "O'Brien", "email": "o@example.com",
                     "website": "https://dogs.example", "remember": True, "parent": 7},
            article=story, rules=rules,
        ),
        lambda story, rules: CommentForm(
            {"body": 'Say "hi" <b>', "name": "", "email": "nope", "website": "ftp://x",
             "remember": "on", "honeypot": "x" * 201, "shown": "t"},
            article=story, rules=rules,
        ),
        lambda story, rules: CommentForm(
            {"body": "Fine", "name": "Jo", "email": "jo@example.com", "shown": ""},
            article=story, rules=rules,
        ),
    ],
    ids=["new", "remembered", "errors", "valid"],
)  # fmt: skip
def test_comment_inputs_are_what_django_widgets_write(story, rules, make_form):
    form = make_form(story, rules)
    form.is_valid()
    html = same_entities(discussion_html(story, rules, form))
    for name in FIELDS:
        assert same_entities(str(form[name])) in html, name
    for name in ["body", "name", "email", "website"]:
        if name in form.errors:
            assert f'<span class="field-error" id="id_{name}-error">' in html
            assert same_entities(str(form.errors[name][0])) in html


def test_a_bad_reply_target_is_said_above_the_form(story, rules):
    form = CommentForm({"body": "Hi", "parent": "abc"}, article=story, rules=rules)
    form.is_valid()
    html = discussion_html(story, rules, form)
    assert '<input type="hidden" name="parent" value="abc" id="id_parent">' in html
    alert = '<div class="form-alert" role="alert" id="comment-form-alert" tabindex="-1" autofocus>'
    assert alert in html
    assert "<p>Enter a whole number.</p>" in html


@pytest.mark.parametrize("zone", ["Europe/London", "UTC", "America/New_York"])
@pytest.mark.parametrize("fmt", ["c", "j F Y", "j M Y", r"j F Y \a\t H:i", "D, d M Y"])
def test_date_filter_is_djangos(settings, zone, fmt):
    settings.TIME_ZONE = zone
    for moment in [
        datetime(2024, 3, 31, 0, 30, tzinfo=ZoneInfo("UTC")),  # the night the clocks change
        datetime(2023, 12, 1, 23, 59, tzinfo=ZoneInfo("UTC")),
        datetime(1999, 1, 9, 7, 5, tzinfo=ZoneInfo("UTC")),
    ]:
        assert date(moment, fmt) == django_date(template_localtime(moment), fmt)


@pytest.mark.parametrize(
    "text",
    ["Short.", "x" * 200, "e\u0301" * 150, "Café au lait, " * 20, "lays the foundations for good"],
)
@pytest.mark.parametrize("length", [1, 10, 25, 140, 160])
def test_truncation_ends_after_a_whole_word(text, length):
    """Issue 23: an ellipsis after the last whole word that fits, never a cut word."""
    text = unicodedata.normalize("NFC", text)
    cut = excerpt(text, length)
    assert cut == excerpt(text, length)  # and again, from memory
    assert len(cut) <= length
    if cut == text:
        return
    assert cut.endswith("…")
    kept = cut[:-1]
    assert text.startswith(kept)
    if " " in text[: length + 1]:  # a word fits: the cut falls between words
        assert kept
        assert not kept[-1].isspace()
        assert text[len(kept)] in " ,"


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("articles:story", ["a-story"]),
        ("articles:tag", ["best_friends-2"]),
        ("articles:home", []),
        ("comments:feed", ["a-story"]),
        ("comments:permalink", [42]),
    ],
)
def test_links_are_what_reverse_makes(name, args):
    assert route_url(name, *args) == reverse(name, args=args)
    assert route_url(name, *args) == reverse(name, args=args)  # and again, from memory


def test_an_argument_that_is_no_slug_is_refused_as_reverse_refuses_it():
    with pytest.raises(NoReverseMatch):
        route_url("articles:story", "ünïcode")


def test_preview_of_a_new_story_without_section_or_author(client, editor, filing):
    form = story_form(title="Only a title", body="<p>Words.</p>", author="", category="")
    response = client.post(reverse("admin:articles_article_preview_new"), form)
    assert response.status_code == 200
    assert "Only a title" in response.content.decode()
    parse_html(response.content)


def test_500_page_needs_no_request_and_no_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        html = loader.get_template("500.html").render()
    assert 'href="/"' in html
    assert "/static/css/site" in html
    parse_html(html)
