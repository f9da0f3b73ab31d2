import json
import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, PinnedRelation

from .factories import make_article, make_author, make_category, make_image
from .pages import images, json_ld, parse_html

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def magazine():
    """A small magazine: a lead story with a hero and related stories around it."""
    category = make_category(name="Rescue", slug="rescue", description="Animals saved.")
    author = make_author(name="Ada Barker", slug="ada-barker", photo=make_image(400, 400))
    lead = make_article(
        title="Kitten and puppy become friends",
        slug="kitten-and-puppy",
        dek="Two runts, one foster home.",
        author=author,
        category=category,
        featured=True,
        hero_image=make_image(1600, 1000, caption="The pair asleep", credit="Photo: Ada"),
        tags=["kittens", "puppies", "fostering"],
        body=(
            "<p>Intro.</p><h2>Runts together</h2><blockquote><p>They are inseparable.</p>"
            "<cite>The carer</cite></blockquote>"
            '<aside class="callout"><h3>Foster with us</h3><p>Join in.</p></aside>'
        ),
    )
    related = [
        make_article(
            category=category,
            author=author,
            tags=["puppies", "fostering"],
            hero_image=make_image() if i < 4 else None,
        )
        for i in range(8)
    ]
    return {"lead": lead, "related": related, "category": category, "author": author}


def get_ok(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response


class TestHome:
    def test_lead_story_and_grid(self, client, magazine):
        response = get_ok(client, reverse("articles:home"))
        tree = parse_html(response.content)
        lead = tree.find(".//article[@class='lead']")
        assert lead is not None
        assert "Kitten and puppy become friends" in "".join(lead.itertext())
        cards = tree.findall(".//article[@class='card']")
        assert len(cards) == 8
        assert len(tree.findall(".//h1")) == 1

    def test_pagination_and_bad_pages(self, client, settings, magazine):
        settings.ARTICLES_PER_PAGE = 3
        page2 = get_ok(client, reverse("articles:home") + "?page=2")
        assert b'rel="prev"' in page2.content and b'rel="next"' in page2.content
        for bad in ["0", "99", "abc", "-1", "1.5", "", "%00", "9" * 50, "２"]:
            response = client.get(reverse("articles:home"), {"page": bad})
            assert response.status_code == 404, bad

    def test_empty_site(self, client):
        response = get_ok(client, reverse("articles:home"))
        assert b"No stories yet" in response.content


class TestStoryPage:
    def test_parts_in_reading_order(self, client, magazine):
        response = get_ok(client, magazine["lead"].get_absolute_url())
        html = response.content.decode()
        parse_html(response.content)
        order = [
            "<h1",
            'class="dek"',
            'class="meta byline"',
            'class="hero',
            "<h2>Runts together",
            "<blockquote>",
            'class="callout"',
            'class="tags"',
            "Share this story",
            'class="author-box',
            "More like this",
            "Related posts",
        ]
        positions = [html.index(marker) for marker in order]
        assert positions == sorted(positions)
        assert "The pair asleep" in html and "Photo: Ada" in html
        assert "min read" in html

    def test_author_box(self, client, magazine):
        html = get_ok(client, magazine["lead"].get_absolute_url()).content.decode()
        author = magazine["author"]
        assert author.website in html
        assert author.bio in html
        assert f'href="{author.get_absolute_url()}"' in html

    def test_share_links_are_plain_links(self, client, magazine):
        html = get_ok(client, magazine["lead"].get_absolute_url()).content.decode()
        for host in ["facebook.com/sharer", "x.com/intent", "pinterest.com/pin/create", "mailto:"]:
            assert host in html
        assert "Copy link" in html
        tree = parse_html(html)
        for script in tree.findall(".//script"):
            src = script.get("src")
            assert src is None or src.startswith("/static/"), src

    def test_more_like_this_and_related_posts_do_not_repeat(self, client, magazine):
        response = get_ok(client, magazine["lead"].get_absolute_url())
        more = response.context["more_like_this"]
        posts = response.context["related_posts"]
        assert len(more) == 3 and all(story.hero_image_id for story in more)
        assert 0 < len(posts) <= 6
        assert not set(more) & set(posts)
        assert magazine["lead"] not in more + posts

    def test_no_related_means_no_sections(self, client):
        lonely = make_article(tags=["unique-tag"])
        html = get_ok(client, lonely.get_absolute_url()).content.decode()
        assert "More like this" not in html and "Related posts" not in html

    def test_meta_tags_and_canonical(self, client, magazine):
        lead = magazine["lead"]
        html = get_ok(client, lead.get_absolute_url()).content.decode()
        assert f'<link rel="canonical" href="http://testserver{lead.get_absolute_url()}">' in html
        assert '<meta name="description" content="Two runts, one foster home.">' in html
        assert '<meta property="og:title" content="Kitten and puppy become friends">' in html
        assert '<meta property="og:image" content="http://testserver/media/renditions/' in html
        assert '<meta name="twitter:card" content="summary_large_image">' in html

    def test_json_ld_news_article(self, client, magazine):
        lead = magazine["lead"]
        [data] = json_ld(get_ok(client, lead.get_absolute_url()).content)
        assert data["@type"] == "NewsArticle"
        assert data["headline"] == lead.title
        assert data["author"] == {
            "@type": "Person",
            "name": "Ada Barker",
            "url": "http://testserver/author/ada-barker/",
        }
        assert data["image"] and all(
            url.startswith("http://testserver/media/") for url in data["image"]
        )
        assert data["datePublished"] == lead.publish_at.isoformat()

    def test_json_ld_cannot_be_broken_out_of(self, client):
        story = make_article(title="</script><script>alert(1)</script>", dek="a & b <i>")
        response = get_ok(client, story.get_absolute_url())
        assert b"<script>alert(1)" not in response.content
        [data] = json_ld(response.content)
        assert data["headline"] == "</script><script>alert(1)</script>"

    def test_every_image_has_dimensions_alt_and_srcset(self, client, magazine, settings):
        body_image = make_image(1200, 800, alt="Inline photo")
        story = magazine["lead"]
        src = f"{settings.MEDIA_URL}{body_image.file.name}"
        story.body += f'<figure><img src="{src}"><figcaption>c</figcaption></figure>'
        story.save()
        for url in [
            story.get_absolute_url(),
            reverse("articles:home"),
            magazine["author"].get_absolute_url(),
        ]:
            tree = parse_html(get_ok(client, url).content)
            found = images(tree)
            assert found
            for img in found:
                assert img.get("width") and img.get("height") and img.get("alt") is not None, (
                    img.attrib
                )
                if not img.get("src").endswith(".svg"):
                    assert img.get("srcset"), img.attrib

    def test_hero_is_eager_and_the_rest_lazy(self, client, magazine):
        tree = parse_html(get_ok(client, magazine["lead"].get_absolute_url()).content)
        pictures = [img for img in images(tree) if "/media/" in img.get("src")]
        hero, *rest = pictures
        assert hero.get("loading") == "eager" and hero.get("fetchpriority") == "high"
        assert rest and all(img.get("loading") == "lazy" for img in rest)

    def test_draft_and_scheduled_are_404(self, client):
        draft = make_article(status=Article.Status.DRAFT)
        scheduled = make_article(publish_at=timezone.now() + timedelta(hours=1))
        assert client.get(draft.get_absolute_url()).status_code == 404
        assert client.get(scheduled.get_absolute_url()).status_code == 404

    def test_only_get_and_head(self, client, magazine):
        assert client.post(magazine["lead"].get_absolute_url()).status_code == 405
        assert client.head(magazine["lead"].get_absolute_url()).status_code == 200


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
        for name in ["category", "tag", "author"]:
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


class TestFeeds:
    def test_site_rss_and_atom(self, client, magazine):
        rss = ET.fromstring(get_ok(client, reverse("articles:feed")).content)
        titles = [item.findtext("title") for item in rss.iter("item")]
        assert magazine["lead"].title in titles and len(titles) == 9
        atom = ET.fromstring(get_ok(client, reverse("articles:atom_feed")).content)
        assert len(atom.findall(f"{ATOM}entry")) == 9

    def test_archive_feeds(self, client, magazine):
        other = make_article(tags=["cats"])
        for url in [
            reverse("articles:category_feed", args=["rescue"]),
            reverse("articles:tag_feed", args=["puppies"]),
            reverse("articles:author_feed", args=["ada-barker"]),
        ]:
            rss = ET.fromstring(get_ok(client, url).content)
            titles = [item.findtext("title") for item in rss.iter("item")]
            assert magazine["lead"].title in titles
            assert other.title not in titles
        for name, slug in [("category", "rescue"), ("tag", "puppies"), ("author", "ada-barker")]:
            atom = ET.fromstring(
                get_ok(client, reverse(f"articles:{name}_atom_feed", args=[slug])).content
            )
            entries = [entry.findtext(f"{ATOM}title") for entry in atom.findall(f"{ATOM}entry")]
            assert magazine["lead"].title in entries and other.title not in entries
        assert client.get(reverse("articles:tag_feed", args=["nope"])).status_code == 404


class TestSitemapAndRobots:
    def test_sitemap_lists_public_pages_only(self, client, magazine):
        draft = make_article(status=Article.Status.DRAFT, tags=["secret-tag"])
        response = get_ok(client, "/sitemap.xml")
        root = ET.fromstring(response.content)
        ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
        locs = {loc.text for loc in root.iter(f"{ns}loc")}
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


class TestErrors:
    def test_styled_404(self, client):
        response = client.get("/no/such/page/")
        assert response.status_code == 404
        assert b"We can\xe2\x80\x99t find that page" in response.content
        parse_html(response.content)

    def test_500_page_renders_standalone(self):
        from django.template import loader

        html = loader.get_template("500.html").render({})
        assert "Something went wrong" in html
        parse_html(html)

    @override_settings(DEBUG=False)
    def test_bad_host_is_refused_without_a_500(self, client):
        response = client.get("/", headers={"host": "evil.example"})
        assert response.status_code == 400


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
        reverse("articles:category_feed", args=["rescue"]),
        reverse("articles:tag_feed", args=["puppies"]),
        reverse("articles:author_feed", args=["ada-barker"]),
        "/sitemap.xml",
    ]
    for url in urls:
        content = get_ok(client, url).content
        assert b"DRAFTLEAK" not in content and b"draftleak" not in content, url
    for story in hidden:
        assert client.get(story.get_absolute_url()).status_code == 404
    found = get_ok(client, reverse("articles:search") + "?q=DRAFTLEAK").context["page"]
    assert found.paginator.count == 0


def test_static_files_are_hashed_and_compressed(settings, tmp_path):
    """The real storage: collectstatic makes hashed, compressed names for whitenoise."""
    from django.core.management import call_command
    from django.templatetags.static import static

    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", "--noinput", verbosity=0)
    url = static("css/site.css")
    assert (
        url.startswith("/static/css/site.")
        and url.endswith(".css")
        and url != "/static/css/site.css"
    )
    hashed = settings.STATIC_ROOT / url.removeprefix("/static/")
    assert hashed.exists() and hashed.with_name(hashed.name + ".gz").exists()
    manifest = json.loads((settings.STATIC_ROOT / "staticfiles.json").read_text())
    assert "js/site.js" in manifest["paths"]
