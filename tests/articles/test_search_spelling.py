"""Search forgives misspellings (issue 23): "Did you mean" on both databases from
the words of published stories, kept fresh by the write path; snippets that read as
sentences; one search box on the search page; stories offered on the 404 page."""

import pytest
from django.db import connection
from django.urls import reverse

from articles import editorial
from articles.models import Article
from articles.search import index, spelling

from ..factories import indexed
from ..helpers import found, on_postgres, parse_html

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def rendered(settings):
    settings.PAGE_CACHE = False


def search(client, q):
    response = client.get(reverse("articles:search"), {"q": q})
    assert response.status_code == 200
    parse_html(response.content)
    return response


class TestRespelling:
    def test_kiten_finds_the_kitten_stories(self, client):
        indexed(slug="season", title="Kitten season at the shelter")
        indexed(slug="bottle", title="Bottle feeding", body="<p>A kitten needs feeding.</p>")
        indexed(slug="other", title="Puppy classes")
        response = search(client, "kiten")
        assert sorted(found(client, "kiten")) == ["bottle", "season"]
        html = response.content.decode()
        assert "No stories match “kiten”" in html
        assert 'Did you mean <a href="?q=kitten">kitten</a>?' in html

    def test_offered_beside_results_that_another_word_found(self, client):
        indexed(slug="puppy", title="Puppy classes")
        indexed(slug="kitten", title="Kitten season")
        response = search(client, "kiten or puppy")
        assert found(client, "kiten or puppy") == ["puppy"]
        assert response.context["page"].suggestion.text == "kitten or puppy"
        assert 'Did you mean <a href="?q=kitten%20or%20puppy">' in response.content.decode()

    def test_another_form_of_a_known_word_is_not_respelt(self, client):
        indexed(slug="rescued", title="Rescued from the river", body="<p>Rescuer.</p>")
        response = search(client, "rescuing")
        assert found(client, "rescuing") == ["rescued"]
        assert response.context["page"].suggestion is None
        assert b"Did you mean" not in response.content

    def test_the_write_path_keeps_the_words_fresh(self, client):
        story = indexed(slug="zep", title="Balloons", status=Article.Status.DRAFT)
        assert found(client, "zepelin") == []
        story.title = "Zeppelin over the park"
        story.status = Article.Status.PUBLISHED
        story.publish_at = story.created_at
        story.save()
        editorial.story_saved(story)
        assert found(client, "zepelin") == ["zep"]

    def test_rebuild_makes_the_words_in_bulk(self, client):
        indexed(slug="walrus", title="Walrus")
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM articles_search_word")
            if not on_postgres:
                cursor.execute(
                    "INSERT INTO articles_search_trigram (articles_search_trigram) "
                    "VALUES ('delete-all')"
                )
        assert found(client, "walrsu") == []
        index.rebuild()
        assert found(client, "walrsu") == ["walrus"]

    def test_on_equal_similarity_the_fewest_edits_win(self, client):
        """ "tulkvuli" shares as many trigrams with "tultzuli" as with "tulvkuli", which
        it is with two letters swapped."""
        indexed(slug="wrong", title="Tultzuli")
        indexed(slug="right", title="Tulvkuli")
        assert spelling.similarity("tulkvuli", "tultzuli") == spelling.similarity(
            "tulkvuli", "tulvkuli"
        )
        assert found(client, "tulkvuli") == ["right"]
        assert [spelling.edits(*pair) for pair in [("kiten", "kitten"), ("ab", "ba")]] == [1, 1]

    def test_nothing_close_enough_offers_nothing(self, client):
        indexed(slug="kitten", title="Kitten season")
        response = search(client, "xylophone")
        assert response.context["page"].suggestion is None
        assert b"How to search" in response.content

    @pytest.mark.skipif(not on_postgres, reason="compares with PostgreSQL's pg_trgm")
    def test_similarity_is_pg_trgm_s(self):
        pairs = [("kiten", "kitten"), ("fostring", "fostering"), ("dgo", "dog"), ("ab", "abc")]
        with connection.cursor() as cursor:
            for one, other in pairs:
                cursor.execute("SELECT similarity(%s, %s)", [one, other])
                assert spelling.similarity(one, other) == pytest.approx(cursor.fetchone()[0])


class TestSnippetsAndForm:
    def test_blocks_read_as_sentences(self, client):
        body = (
            "<h2>Fostering kittens</h2><p>And if you cannot foster, give a kitten a blanket</p>"
            "<ul><li>Shelters also need towels.</li><li>Kitten food</li></ul>"
            "<p>Read our guide to fostering\nkittens before\n  you start.</p>"
        )
        indexed(title="Help", body=body)
        html = search(client, "kitten").content.decode()
        snippet = html.split('search-results__snippet">')[1].split("</p>")[0]
        assert "<mark>kittens</mark>. And if you" in snippet
        assert "a <mark>kitten</mark> a blanket. Shelters also need towels. <mark>Kitten" in snippet
        # A line break within a paragraph's source is only a space.
        assert "fostering <mark>kittens</mark> before you start" in snippet

    def test_one_search_form_on_the_search_page(self, client):
        indexed(title="Kitten")
        for q in ["", "kitten", "nothing-here"]:
            html = search(client, q).content.decode()
            assert html.count('role="search"') == 1
        assert client.get(reverse("articles:home")).content.decode().count('role="search"') == 1


class TestNotFound:
    def test_stories_whose_titles_match_the_address(self, client):
        indexed(slug="kitten-season", title="Kitten season at the shelter")
        indexed(slug="puppy", title="Puppy classes", body="<p>Kitten season is near.</p>")
        indexed(slug="draft", title="Kitten season draft", status=Article.Status.DRAFT)
        response = client.get("/story/kiten-seasons-2024/")
        assert response.status_code == 404
        html = response.content.decode()
        parse_html(response.content)
        assert "Were you looking for one of these?" in html
        assert '<a href="/story/kitten-season/">Kitten season at the shelter</a>' in html
        assert "Puppy classes" not in html
        assert "draft" not in html
        assert html.count('role="search"') == 1

    def test_nothing_to_offer(self, client):
        indexed(slug="kitten-season", title="Kitten season")
        response = client.get("/story/zzqx/")
        assert response.status_code == 404
        assert b"Were you looking" not in response.content
        assert b"We can\xe2\x80\x99t find that page" in response.content
