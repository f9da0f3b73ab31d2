"""No cut word on any page (issue 23): wherever the site shortens a text (related
posts' standfirsts, meta descriptions), it ends after a whole word with an ellipsis."""

import re
from html import unescape

import pytest
from django.urls import reverse

from articles import related
from articles.search import index

from ..factories import make_article

pytestmark = pytest.mark.django_db

# Long enough to be cut at 140 and 160 characters, with long words where a cut by
# character count falls ("foundations", "trolleybuses", "responsibilities").
DEK = (
    "A quiet morning routine with a rescued greyhound lays the foundations for good "
    "habits among books, trolleybuses and the small responsibilities of a shared home. "
    "It takes a few weeks."
)
BODY = "<p>" + " ".join(["Patience and kindness make unhurried companionship."] * 8) + "</p>"


@pytest.fixture(autouse=True)
def rendered(settings):
    settings.PAGE_CACHE = False


def words_in(*texts):
    return {word.lower() for text in texts for word in re.findall(r"\w+", text)}


def cut_words(html, known):
    """The words just before each ellipsis that are not whole words of ``known``."""
    text = unescape(re.sub(r"<[^>]+>", " ", html))
    return [w for w in re.findall(r"(\w+)[^\w\s]*…", text) if w.lower() not in known]


def test_every_page_cuts_after_whole_words(client):
    stories = [
        make_article(slug=f"story-{n}", title=f"Greyhound morning {n}", dek=DEK, body=BODY,
                     tags=["greyhounds", "routines"])
        for n in range(4)
    ]  # fmt: skip
    related.refresh_all()
    index.update(story.pk for story in stories)
    known = words_in(DEK, BODY, *(story.title for story in stories))
    story = stories[0]
    pages = [
        reverse("articles:home"),
        story.get_absolute_url(),
        story.category.get_absolute_url(),
        reverse("articles:tag", args=["greyhounds"]),
        story.author.get_absolute_url(),
        reverse("articles:search") + "?q=greyhound",
        reverse("articles:feed"),
        reverse("articles:atom_feed"),
    ]
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        assert cut_words(response.content.decode(), known) == [], page
    html = client.get(story.get_absolute_url()).content.decode()
    related_list = html.split('class="related-list"')[1].split("</ul>")[0]
    assert "shared home" not in related_list  # it was cut...
    assert "…" in related_list
    assert "lays the foundations for good habits among books,…" not in related_list
    assert "trolleybuses and the small…</p>" in related_list  # ...after a whole word
    description = re.search(r'<meta name="description" content="([^"]*)"', html)[1]
    assert description.endswith("…")
    assert len(description) <= 160
