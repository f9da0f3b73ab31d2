"""The home page, section, tag and author archives, search, and drafts kept off all of them."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, PinnedRelation

from ..factories import make_article, make_image
from ..helpers import get_ok, parse_html

pytestmark = pytest.mark.django_db


class TestHome:
    def test_lead_story_and_grid(self, client, magazine):
        response = get_ok(client, reverse("articles:home"))
        tree = parse_html(response.content)
        lead = tree.find(".//article[@class='lead']")
        assert lead is not None
        assert "Kitten and puppy become friends" in "".join(lead.itertext())
        # The row beneath the lead (test_front_page.py has the rest of the front page).
        second_tier = tree.findall(".//section[@class='second-tier']/article[@class='tile']")
        assert len(second_tier) == 4
        assert len(tree.findall(".//h1")) == 1

    def test_pagination_and_bad_pages(self, client, settings, magazine):
        settings.ARTICLES_PER_PAGE = 3
        page2 = get_ok(client, reverse("articles:home") + "?page=2")
        assert b'rel="prev"' in page2.content
        assert b'rel="next"' in page2.content
        for bad in ["0", "99", "abc", "-1", "1.5", "", "%00", "9" * 50, "２"]:
            response = client.get(reverse("articles:home"), {"page": bad})
            assert response.status_code == 404, bad

    def test_empty_site(self, client):
        response = get_ok(client, reverse("articles:home"))
        assert b"No stories yet" in response.content


class TestArchives:
    def test_category_tag_author(self, client, magazine):
        for url, heading in [
            (magazine["category"].get_absolute_url(), "Rescue"),
            (reverse("articles:tag", args=["puppies"]), "puppies"),
            (magazine["author"].get_absolute_url(), "Ada Barker"),
        ]:
            response = get_ok(client, url)
            tree = parse_html(response.content)
            h1 = "".join(tree.find(".//h1").itertext())
            assert heading in h1
            assert len(tree.findall(".//article[@class='card']")) >= 8

    def test_unknown_archives_are_404(self, client):
        for name in ["section", "tag", "author"]:
            assert client.get(reverse(f"articles:{name}", args=["nope"])).status_code == 404

    def test_archive_pagination(self, client, settings, magazine):
        settings.ARTICLES_PER_PAGE = 4
        url = magazine["category"].get_absolute_url()
        assert get_ok(client, url + "?page=3").status_code == 200
        assert client.get(url + "?page=4").status_code == 404


class TestSearch:
    def test_finds_title_dek_and_body(self, client):
        make_article(title="Greyhound wins", slug="greyhound")
        make_article(dek="A beagle story", slug="beagle")
        make_article(body="<p>The dachshund dug a hole.</p>", slug="dachshund")
        for word, slug in [
            ("greyhound", "greyhound"),
            ("BEAGLE", "beagle"),
            ("dachshund", "dachshund"),
        ]:
            response = get_ok(client, reverse("articles:search") + f"?q={word}")
            assert [a.slug for a in response.context["page"].object_list] == [slug]

    def test_hostile_queries(self, client):
        make_article(title="Safe")
        for query in ["<script>alert(1)</script>", "%", "_", "\x00", "a" * 5000, "' OR 1=1 --"]:
            response = client.get(reverse("articles:search"), {"q": query})
            assert response.status_code == 200
            assert b"<script>alert(1)" not in response.content
            parse_html(response.content)

    def test_empty_query(self, client):
        response = get_ok(client, reverse("articles:search"))
        assert b"stories found" not in response.content


def test_drafts_never_leak_anywhere(client, magazine):
    """One sweep over every public surface with a draft, a story in review and a
    scheduled story that share tags, section and author with public ones."""
    hidden = [
        make_article(
            title="DRAFTLEAK one",
            slug="draftleak-one",
            status=Article.Status.DRAFT,
            category=magazine["category"],
            author=magazine["author"],
            tags=["puppies", "fostering"],
            hero_image=make_image(),
        ),
        make_article(
            title="DRAFTLEAK two",
            slug="draftleak-two",
            status=Article.Status.REVIEW,
            category=magazine["category"],
            author=magazine["author"],
            tags=["puppies"],
            publish_at=timezone.now() - timedelta(days=1),
        ),
        make_article(
            title="DRAFTLEAK three",
            slug="draftleak-three",
            publish_at=timezone.now() + timedelta(days=1),
            category=magazine["category"],
            author=magazine["author"],
            tags=["puppies"],
        ),
    ]
    PinnedRelation.objects.create(from_article=magazine["lead"], to_article=hidden[0])
    urls = [
        reverse("articles:home"),
        magazine["lead"].get_absolute_url(),
        *[story.get_absolute_url() for story in magazine["related"]],
        magazine["category"].get_absolute_url(),
        reverse("articles:tag", args=["puppies"]),
        reverse("articles:tag", args=["fostering"]),
        magazine["author"].get_absolute_url(),
        reverse("articles:feed"),
        reverse("articles:atom_feed"),
        reverse("articles:section_feed", args=["rescue"]),
        reverse("articles:tag_feed", args=["puppies"]),
        reverse("articles:author_feed", args=["ada-barker"]),
        reverse("sitemaps:index"),
    ]
    index = get_ok(client, reverse("sitemaps:index")).content.decode()
    urls += re.findall(r"<loc>http://testserver([^<]+)</loc>", index)  # every sitemap file
    for url in urls:
        content = get_ok(client, url).content
        assert b"DRAFTLEAK" not in content, url
        assert b"draftleak" not in content, url
    for story in hidden:
        assert client.get(story.get_absolute_url()).status_code == 404
    found = get_ok(client, reverse("articles:search") + "?q=DRAFTLEAK").context["page"]
    assert not found.object_list
