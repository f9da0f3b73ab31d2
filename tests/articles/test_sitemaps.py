"""The sitemap index and its files: the protocol's shape, every public story in exactly
one file and nothing else, every file split at one limit, bad names a 404, pinned
queries."""

import re
import xml.etree.ElementTree as ET
from collections import Counter
from datetime import UTC, datetime, timedelta
from unittest import mock

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from articles import generations
from articles.models import Article
from articles.sitemaps import catalogue

from ..factories import make_article, make_author, make_category

pytestmark = pytest.mark.django_db

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
W3C_SECOND = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")
SITE = "http://testserver"


def w3c(moment):
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def fetch(client, url):
    response = client.get(url.removeprefix(SITE))
    assert response.status_code == 200, url
    assert response["Content-Type"] == "application/xml"
    return ET.fromstring(response.content)


def entries_of(root, root_tag, entry_tag):
    """[(loc, lastmod)] of a document of the protocol's shape: the namespace, the
    root, and entries holding exactly a loc (absolute, on this site) and a lastmod."""
    assert root.tag == NS + root_tag
    found = []
    for entry in root:
        assert entry.tag == NS + entry_tag
        assert [child.tag for child in entry] == [NS + "loc", NS + "lastmod"]
        loc, lastmod = (child.text for child in entry)
        assert loc.startswith(SITE + "/"), (loc, lastmod)
        assert W3C_SECOND.fullmatch(lastmod), (loc, lastmod)
        found.append((loc, lastmod))
    return found


def crawl(client):
    """{file name: [(loc, lastmod)]} for every file the index lists, checking each
    against the protocol and the per-file limit; and the index's own entries."""
    index = entries_of(fetch(client, "/sitemap.xml"), "sitemapindex", "sitemap")
    files = {}
    for loc, _ in index:
        name = loc.removeprefix(f"{SITE}/sitemaps/").removesuffix(".xml")
        files[name] = entries_of(fetch(client, loc), "urlset", "url")
        assert 1 <= len(files[name]) <= catalogue.URLS_PER_FILE, name
    return index, files


def at(year, month, day, hour=12):
    return datetime(year, month, day, hour, tzinfo=UTC)


@pytest.fixture
def two_per_file(monkeypatch):
    monkeypatch.setattr(catalogue, "URLS_PER_FILE", 2)


@pytest.fixture
def spread():
    """Seven public stories over three months (two at a month's UTC edge), and the
    kinds of story that must never be listed, with their own section, author and tag."""
    rescue, walks = make_category(slug="rescue"), make_category(slug="walks")
    ada, bo = make_author(slug="ada"), make_author(slug="bo")
    times = [
        at(2025, 1, 1, 0),
        at(2025, 1, 15),
        at(2025, 1, 31, 23),  # 23:00 UTC: still January
        at(2025, 2, 10),
        at(2025, 6, 30, 23),  # 00:00 on 1 July in London, June in UTC
        at(2025, 6, 2),
        at(2025, 6, 3),
    ]
    public = [
        make_article(
            publish_at=moment,
            category=(rescue, walks)[i % 2],
            author=(ada, bo)[i % 2],
            tags=["puppies", "walkies", "fostering"][: 1 + i % 3],
        )
        for i, moment in enumerate(times)
    ]
    hidden_section, hidden_author = make_category(slug="hidden"), make_author(slug="ghost")
    hidden = [
        make_article(status=Article.Status.DRAFT, tags=["secret"], category=hidden_section),
        make_article(status=Article.Status.REVIEW, author=hidden_author, tags=["secret"]),
        make_article(publish_at=timezone.now() + timedelta(days=3), tags=["soon"]),
        # Scheduled in a month no public story is in: that month is not listed.
        make_article(publish_at=at(2099, 3, 1), category=hidden_section, author=hidden_author),
    ]
    return {"public": public, "hidden": hidden, "times": times}


class TestShapeAndSplitting:
    def test_index_and_files_split_at_the_limit(self, client, spread, two_per_file):
        index, files = crawl(client)
        assert list(files) == [
            "sections",  # the front page, rescue, walks: three, so two files
            "sections-2",
            "authors",
            "tags",  # fostering, puppies, walkies
            "tags-2",
            "stories-4",  # seven stories, two a file, the newest file first
            "stories-3",
            "stories-2",
            "stories-1",
        ]
        assert [len(files[name]) for name in files] == [2, 1, 2, 2, 1, 1, 2, 2, 2]
        # A story file is dated by the newest change to any story in it.
        lastmod = dict((loc.rsplit("/", 1)[1], mod) for loc, mod in index)
        assert lastmod["stories-3.xml"] == max(mod for _, mod in files["stories-3"])

    def test_stories_in_publication_order_dated_by_last_change(self, client, spread):
        first = entries_of(fetch(client, "/sitemaps/stories-1.xml"), "urlset", "url")
        in_order = [spread["public"][i] for i in (0, 1, 2, 3, 5, 6, 4)]
        assert first == [(SITE + s.get_absolute_url(), w3c(s.updated_at)) for s in in_order]

    def test_a_new_story_changes_only_the_last_file(self, client, spread, two_per_file):
        """The oldest come first, so the files a crawler has read stay as they were."""
        _, before = crawl(client)
        make_article(publish_at=timezone.now() - timedelta(minutes=5))
        _, after = crawl(client)
        stories = [name for name in after if name.startswith("stories")]
        assert stories == ["stories-4", "stories-3", "stories-2", "stories-1"]
        assert all(after[f"stories-{n}"] == before[f"stories-{n}"] for n in (1, 2, 3))
        assert len(after["stories-4"]) == 2

    def test_empty_magazine(self, client):
        """With nothing public, the index lists one file: the front page, undated."""
        index = ET.fromstring(client.get("/sitemap.xml").content)
        assert [e[0].text for e in index] == [f"{SITE}/sitemaps/sections.xml"]
        assert [child.tag for child in index[0]] == [NS + "loc"]
        urls = ET.fromstring(client.get("/sitemaps/sections.xml").content)
        assert [e[0].text for e in urls] == [f"{SITE}/"]
        assert client.get("/sitemaps/tags.xml").status_code == 404

    def test_site_url_is_escaped(self, client, settings, spread):
        settings.SITE_URL = "https://dogs.example/a&b<c>"
        response = client.get("/sitemap.xml")
        assert b"https://dogs.example/a&amp;b&lt;c&gt;/sitemaps/sections.xml" in response.content
        first = ET.fromstring(response.content)[0][0].text
        assert first == "https://dogs.example/a&b<c>/sitemaps/sections.xml"


class TestWhatIsListed:
    def test_every_public_story_in_exactly_one_file(self, client, spread, two_per_file):
        # Three published at the same moment: a file may begin among them.
        for _ in range(3):
            make_article(publish_at=at(2025, 1, 20))
        _, files = crawl(client)
        listed = Counter(
            loc for name, found in files.items() if name.startswith("stories-") for loc, _ in found
        )
        public = {SITE + story.get_absolute_url() for story in Article.objects.published()}
        assert len(public) == 10
        assert set(listed) == public
        assert set(listed.values()) == {1}
        everything = {loc for found in files.values() for loc, _ in found}
        for story in spread["hidden"]:
            assert SITE + story.get_absolute_url() not in everything

    def test_archives_with_public_stories_only(self, client, spread):
        _, files = crawl(client)
        newest = w3c(spread["times"][4])
        assert files["sections"] == [
            (f"{SITE}/", newest),
            (f"{SITE}/category/rescue/", newest),
            (f"{SITE}/category/walks/", w3c(spread["times"][5])),
        ]
        assert [loc for loc, _ in files["authors"]] == [f"{SITE}/author/ada/", f"{SITE}/author/bo/"]
        assert dict(files["tags"]) == {
            f"{SITE}/tag/fostering/": w3c(spread["times"][5]),
            f"{SITE}/tag/puppies/": newest,
            f"{SITE}/tag/walkies/": newest,
        }

    def test_sample_magazine(self, client, magazine):
        draft = make_article(status=Article.Status.DRAFT, tags=["secret-tag"])
        _, files = crawl(client)
        locs = {loc for found in files.values() for loc, _ in found}
        assert SITE + magazine["lead"].get_absolute_url() in locs
        assert {f"{SITE}/category/rescue/", f"{SITE}/tag/puppies/"} <= locs
        assert f"{SITE}/author/ada-barker/" in locs
        assert not any(draft.slug in loc or "secret-tag" in loc for loc in locs)

    def test_changes_show_at_once(self, client, spread):
        """The catalogue is cached for the content generation: publishing, unpublishing
        and a scheduled story's time coming all move it."""
        client.get("/sitemap.xml")
        story = make_article(publish_at=at(2024, 12, 24), tags=["christmas"])
        _, files = crawl(client)
        assert files["stories-1"][0] == (SITE + story.get_absolute_url(), w3c(story.updated_at))
        assert f"{SITE}/tag/christmas/" in dict(files["tags"])
        story.status = Article.Status.DRAFT
        story.save()
        _, files = crawl(client)
        assert SITE + story.get_absolute_url() not in dict(files["stories-1"])
        assert f"{SITE}/tag/christmas/" not in dict(files["tags"])
        later = timezone.now() + timedelta(days=4)
        with mock.patch("django.utils.timezone.now", return_value=later):
            _, files = crawl(client)
        assert f"{SITE}/tag/soon/" in dict(files["tags"])


def test_a_catalogue_kept_by_an_older_release_is_not_read(client, spread):
    """The monthly files' catalogue, kept under the same content generation when this
    release was deployed, had no story files: the sitemaps were a 500 until the next
    change to the content."""
    version = generations.current(generations.CONTENT)[generations.CONTENT]
    cache.set(f"sitemaps:{version}:summary", {"months": [], "sections": (0, None)})
    assert client.get("/sitemap.xml").status_code == 200
    assert client.get("/sitemaps/stories-1.xml").status_code == 200


class TestBadNames:
    @pytest.mark.parametrize(
        "name",
        [
            "nope",
            "stories",
            "stories-0",
            "stories-01",
            "stories-2",  # past the end: seven stories fill one file
            "stories-99999999",
            "stories-2025-01",  # the monthly files of old
            "stories-1-2",
            "sections-2",
            "tags-0",
            "tags-01",
            "stories-1.xml",
            "%00",
            "..%2fsitemap",
            "😀",
            "a" * 3000,
        ],
    )
    def test_bad_file_names_are_404(self, client, spread, name):
        assert client.get(f"/sitemaps/{name}.xml").status_code == 404

    def test_methods_and_parameters(self, client, spread):
        assert client.post("/sitemap.xml").status_code == 405
        assert client.post("/sitemaps/tags.xml").status_code == 405
        assert client.get("/sitemap.xml", {"p": "2"}).status_code == 200
        assert client.get("/sitemaps/stories-1.xml", {"p": "x"}).status_code == 200
        assert client.get("/sitemaps/tags.xml/").status_code == 404

    def test_robots_txt_points_at_the_index(self, client):
        assert b"Sitemap: http://testserver/sitemap.xml\n" in client.get("/robots.txt").content
        assert reverse("sitemaps:index") == "/sitemap.xml"


class TestQueries:
    """Pinned with the page cache off, so each count is the view's own work."""

    @pytest.fixture(autouse=True)
    def _no_page_cache(self, settings):
        settings.PAGE_CACHE = False

    def test_catalogue_is_five_queries_at_any_size(self, spread, django_assert_num_queries):
        """Story files, sections, pages editors write, authors, tags: one query each,
        however many there are (no query per file, section, author or tag)."""
        with django_assert_num_queries(5):
            small = catalogue.build()
        for i in range(6):
            make_article(publish_at=at(2023, 1 + i, 5), tags=[f"extra-{i}", "puppies"])
        with django_assert_num_queries(5):
            large = catalogue.build()
        assert len(large["tags"]) == len(small["tags"]) + 6
        assert len(large["sections"]) == len(small["sections"]) + 6

    def test_index_and_archives_from_the_cache(self, client, spread, django_assert_num_queries):
        """Once built for this content generation, the index and the archive files
        read nothing from the database."""
        client.get("/sitemap.xml")
        for url in ["/sitemap.xml", "/sitemaps/sections.xml", "/sitemaps/tags.xml"]:
            with django_assert_num_queries(0):
                assert client.get(url).status_code == 200

    def test_story_file_is_one_query(self, client, spread, two_per_file, django_assert_num_queries):
        """Where the file starts comes from the cached catalogue; then one read of a
        file's worth of the published index, however many stories there are."""
        for day in range(1, 20):
            make_article(publish_at=at(2025, 1, day, 6))
        client.get("/sitemap.xml")
        for number in (1, 5, 13):
            with django_assert_num_queries(1):
                response = client.get(f"/sitemaps/stories-{number}.xml")
            assert response.content.count(b"<url>") == 2

    def test_page_cache_serves_sitemaps(self, client, settings, spread, django_assert_num_queries):
        settings.PAGE_CACHE = True
        client.get("/sitemaps/stories-1.xml")
        with django_assert_num_queries(0):
            assert client.get("/sitemaps/stories-1.xml").status_code == 200
