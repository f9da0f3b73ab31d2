"""A story page: its parts in order, related stories, meta tags, JSON-LD and images."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article

from ..factories import make_article, make_image
from ..helpers import get_ok, images, json_ld, parse_html

pytestmark = pytest.mark.django_db


class TestStoryPage:
    def test_parts_in_reading_order(self, client, magazine):
        response = get_ok(client, magazine["lead"].get_absolute_url())
        html = response.content.decode()
        parse_html(response.content)
        order = [
            "<h1",
            'class="standfirst"',
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
        assert "The pair asleep" in html
        assert "Photo: Ada" in html
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
        more = response.context["related"]["more_like_this"]
        posts = response.context["related"]["related_posts"]
        assert len(more) == 3
        assert all(story.hero_image_id for story in more)
        assert 0 < len(posts) <= 6
        assert not {story.pk for story in more} & {story.pk for story in posts}
        assert magazine["lead"] not in more + posts

    def test_no_related_means_no_sections(self, client):
        lonely = make_article(tags=["unique-tag"])
        html = get_ok(client, lonely.get_absolute_url()).content.decode()
        assert "More like this" not in html
        assert "Related posts" not in html

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
        data, breadcrumbs = json_ld(get_ok(client, lead.get_absolute_url()).content)
        assert data["@type"] == "NewsArticle"
        assert breadcrumbs["@type"] == "BreadcrumbList"
        assert data["headline"] == lead.title
        assert data["author"] == {
            "@type": "Person",
            "name": "Ada Barker",
            "url": "http://testserver/author/ada-barker/",
        }
        assert data["image"]
        assert all(url.startswith("http://testserver/media/") for url in data["image"])
        assert data["datePublished"] == lead.publish_at.isoformat()

    def test_json_ld_cannot_be_broken_out_of(self, client):
        story = make_article(title="</script><script>alert(1)</script>", dek="a & b <i>")
        response = get_ok(client, story.get_absolute_url())
        assert b"<script>alert(1)" not in response.content
        data, breadcrumbs = json_ld(response.content)
        assert data["headline"] == "</script><script>alert(1)</script>"
        assert breadcrumbs["itemListElement"][2]["name"] == data["headline"]

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
                assert img.get("width"), img.attrib
                assert img.get("height"), img.attrib
                assert img.get("alt") is not None, img.attrib
                if not img.get("src").endswith(".svg"):
                    assert img.get("srcset"), img.attrib

    def test_hero_is_eager_and_the_rest_lazy(self, client, magazine):
        tree = parse_html(get_ok(client, magazine["lead"].get_absolute_url()).content)
        pictures = [img for img in images(tree) if "/media/" in img.get("src")]
        hero, *rest = pictures
        assert hero.get("loading") == "eager"
        assert hero.get("fetchpriority") == "high"
        assert rest
        assert all(img.get("loading") == "lazy" for img in rest)

    def test_draft_and_scheduled_are_404(self, client):
        draft = make_article(status=Article.Status.DRAFT)
        scheduled = make_article(publish_at=timezone.now() + timedelta(hours=1))
        assert client.get(draft.get_absolute_url()).status_code == 404
        assert client.get(scheduled.get_absolute_url()).status_code == 404

    def test_only_get_and_head(self, client, magazine):
        assert client.post(magazine["lead"].get_absolute_url()).status_code == 405
        assert client.head(magazine["lead"].get_absolute_url()).status_code == 200
