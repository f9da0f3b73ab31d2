"""Readable revisions: the comparison shows the text word by word, inserted and
deleted words marked, with the stored HTML as an option; everything escaped."""

import pytest
from django.urls import reverse

from articles.admin.story_pages import word_diff
from articles.models import Article, Revision
from doggydiary.roles import CONTRIBUTORS, MODERATORS

from ..factories import make_user, new_story, story_form
from ..helpers import ADD, change_url

pytestmark = pytest.mark.django_db


def two_versions(client, filing, before, after, **changes):
    client.post(ADD, new_story(filing, body=before))
    story = Article.objects.get()
    client.post(change_url(story), {**story_form(story), "body": after, **changes})
    newer, older = Revision.objects.filter(article=story)
    url = reverse("admin:articles_article_compare", args=[story.pk])
    return story, url, {"a": older.pk, "b": newer.pk}


def test_word_diff_marks_inserted_and_deleted_words():
    shown = word_diff("The quick brown dog\nslept", "The slow brown dog barked\nslept")
    assert shown == "The <del>quick</del> <ins>slow</ins> brown dog <ins>barked</ins> <br> slept"


def test_body_is_compared_as_text_word_by_word(client, editor, filing):
    before = "<p>Rex chased the <strong>red</strong> ball.</p><p>Then he slept.</p>"
    after = "<p>Rex chased the <em>blue</em> ball at noon.</p><p>Then he slept.</p>"
    _, url, revisions = two_versions(client, filing, before, after)
    html = client.get(url, revisions).content.decode()
    words = html[html.index("<h2>Body</h2>") :]
    assert (
        "Rex chased the <del>red</del> <ins>blue</ins> ball<del>.</del> <ins>ball at noon.</ins>"
        in words
        or "<del>red ball.</del> <ins>blue ball at noon.</ins>" in words
    )
    assert "Then he slept." in words
    assert "&lt;strong&gt;" not in words  # the text, not the markup
    assert f'href="?a={revisions["a"]}&amp;b={revisions["b"]}&amp;view=html"' in html


def test_the_html_view_is_an_option(client, editor, filing):
    _, url, revisions = two_versions(client, filing, "<p>One.</p>", "<p><em>Two.</em></p>")
    html = client.get(url, {**revisions, "view": "html"}).content.decode()
    assert 'class="diff"' in html  # the markup, line by line
    assert "&lt;em&gt;" in html
    assert "<ins>" not in html.split("<h2>Body</h2>", 1)[1]


def test_hostile_text_is_escaped_in_both_views(client, editor, filing):
    hostile = '<p>Hi &lt;script&gt;alert(1)&lt;/script&gt; "x" &amp; y</p>'
    _, url, revisions = two_versions(
        client, filing, "<p>Hi.</p>", hostile, title='<img src=x onerror="alert(1)">'
    )
    # The text view shows the words (an escaped tag); the HTML view shows the source
    # (its entities escaped again).
    for view, shown in [("", "&lt;script&gt;"), ("html", "&amp;lt;script&amp;gt;")]:
        html = client.get(url, {**revisions, "view": view}).content.decode()
        assert "<script>alert(1)" not in html
        assert "<img src=x" not in html
        assert shown in html
        assert "&lt;img" in html


def test_comparing_needs_two_revisions_of_the_story(client, editor, filing):
    story, url, revisions = two_versions(client, filing, "<p>A.</p>", "<p>B.</p>")
    assert client.get(url, {"a": revisions["a"], "b": "nope"}).status_code == 404
    assert client.get(url, {"a": revisions["a"], "b": revisions["a"] + 99}).status_code == 404
    client.force_login(make_user("connie", CONTRIBUTORS))
    assert client.get(url, revisions).status_code == 404  # not their story
    client.force_login(make_user("mo", MODERATORS))
    assert client.get(url, revisions).status_code == 404
    client.logout()
    assert client.get(url, revisions).status_code == 302
