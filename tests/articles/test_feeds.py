"""The RSS and Atom feeds, the sitemap and robots.txt."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from articles.models import Article

from ..factories import make_article
from ..helpers import get_ok

pytestmark = pytest.mark.django_db


ATOM = "{http://www.w3.org/2005/Atom}"


class TestFeeds:
    def test_site_rss_and_atom(self, client, magazine):
        rss = ET.fromstring(get_ok(client, reverse("articles:feed")).content)
        titles = [item.findtext("title") for item in rss.iter("item")]
        assert magazine["lead"].title in titles
        assert len(titles) == 9
        atom = ET.fromstring(get_ok(client, reverse("articles:atom_feed")).content)
        assert len(atom.findall(f"{ATOM}entry")) == 9

    def test_archive_feeds(self, client, magazine):
        other = make_article(tags=["cats"])
        for url in [
            reverse("articles:section_feed", args=["rescue"]),
            reverse("articles:tag_feed", args=["puppies"]),
            reverse("articles:author_feed", args=["ada-barker"]),
        ]:
            rss = ET.fromstring(get_ok(client, url).content)
            titles = [item.findtext("title") for item in rss.iter("item")]
            assert magazine["lead"].title in titles
            assert other.title not in titles
        for name, slug in [("section", "rescue"), ("tag", "puppies"), ("author", "ada-barker")]:
            atom = ET.fromstring(
                get_ok(client, reverse(f"articles:{name}_atom_feed", args=[slug])).content
            )
            entries = [entry.findtext(f"{ATOM}title") for entry in atom.findall(f"{ATOM}entry")]
            assert magazine["lead"].title in entries
            assert other.title not in entries
        assert client.get(reverse("articles:tag_feed", args=["nope"])).status_code == 404


class TestSitemapAndRobots:
    def test_sitemap_lists_public_pages_only(self, client, magazine):
        draft = make_article(status=Article.Status.DRAFT, tags=["secret-tag"])
        ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
        index = ET.fromstring(get_ok(client, "/sitemap.xml").content)
        locs = set()
        for file in index.iter(f"{ns}loc"):  # the index names the files that list pages
            path = file.text.removeprefix("http://testserver")
            locs |= {
                loc.text for loc in ET.fromstring(get_ok(client, path).content).iter(f"{ns}loc")
            }
        assert f"http://testserver{magazine['lead'].get_absolute_url()}" in locs
        assert "http://testserver/category/rescue/" in locs
        assert "http://testserver/tag/puppies/" in locs
        assert "http://testserver/author/ada-barker/" in locs
        assert not any(draft.slug in loc or "secret-tag" in loc for loc in locs)

    def test_robots(self, client):
        response = get_ok(client, "/robots.txt")
        assert response["Content-Type"].startswith("text/plain")
        assert b"Sitemap: http://testserver/sitemap.xml" in response.content
        assert b"Disallow: /admin/" in response.content
