import time
from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from articles.models import Article, PinnedRelation, library_pictures
from articles.related import related_to
from articles.sanitize import sanitize_body

from ..factories import make_article, make_category, make_image

pytestmark = pytest.mark.django_db


class TestVisibility:
    def test_published_in_the_past_is_public(self):
        article = make_article()
        assert list(Article.objects.published()) == [article]
        assert article.is_public

    def test_draft_and_review_are_not_public(self):
        make_article(status=Article.Status.DRAFT)
        make_article(status=Article.Status.REVIEW, publish_at=timezone.now() - timedelta(days=1))
        assert not Article.objects.published().exists()

    def test_scheduled_story_appears_by_itself_when_its_time_comes(self):
        soon = timezone.now() + timedelta(seconds=1)
        article = make_article(publish_at=soon)
        assert article.is_scheduled
        assert not Article.objects.published().exists()
        give_up = time.monotonic() + 10
        while timezone.now() <= soon and time.monotonic() < give_up:
            time.sleep(0.05)
        assert list(Article.objects.published()) == [article]

    def test_publishing_without_a_time_publishes_now(self):
        before = timezone.now()
        article = make_article(publish_at=None)
        assert article.publish_at >= before

    def test_database_refuses_published_without_time(self):
        article = make_article(status=Article.Status.DRAFT)
        with pytest.raises(IntegrityError), transaction.atomic():
            Article.objects.filter(pk=article.pk).update(status=Article.Status.PUBLISHED)


def test_slugs_are_unique():
    make_article(slug="same")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_article(slug="same")


def test_reading_time_counts_words():
    article = make_article(body="<p>" + "woof " * 660 + "</p>")
    assert article.reading_time == 3
    assert make_article(body="<p>Short.</p>").reading_time == 1


class TestSanitizer:
    def test_scripts_and_their_content_are_removed(self):
        html = sanitize_body('<p>Hi</p><script>alert("x")</script><style>p{}</style>')
        assert html == "<p>Hi</p>"

    def test_event_handlers_are_removed(self):
        html = sanitize_body(
            '<p onclick="steal()">Hi <a href="https://a.example" onmouseover="x()">a</a></p>'
        )
        assert "onclick" not in html
        assert "onmouseover" not in html
        assert "steal" not in html
        assert 'href="https://a.example"' in html

    @pytest.mark.parametrize(
        "href",
        [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "java\tscript:alert(1)",
            "data:text/html,x",
            "vbscript:x",
        ],
    )
    def test_dangerous_link_schemes_are_dropped(self, href):
        html = sanitize_body(f'<p><a href="{href}">click</a></p>')
        assert "href" not in html
        assert "click" in html

    def test_allowed_markup_is_kept(self):
        body = (
            "<h2>Heading</h2><h3>Sub</h3><p><strong>b</strong> <em>i</em> "
            '<a href="https://dogs.example/">link</a></p><ul><li>one</li></ul>'
            "<blockquote><p>Woof.</p><cite>A dog</cite></blockquote>"
            '<aside class="callout"><h3>Help</h3><p>Foster a pup.</p></aside>'
            '<figure class="embed" data-provider="tiktok"><a class="embed-link" '
            'href="https://www.tiktok.com/@a/video/1">Watch</a><figcaption>Cap</figcaption></figure>'
        )
        html = sanitize_body(body)
        for fragment in [
            "<h2>Heading</h2>",
            "<h3>Sub</h3>",
            "<strong>b</strong>",
            "<em>i</em>",
            '<a href="https://dogs.example/" rel="noopener">link</a>',
            "<li>one</li>",
            "<blockquote><p>Woof.</p><cite>A dog</cite></blockquote>",
            '<aside class="callout" role="note">',
            '<figure class="embed" data-provider="tiktok">',
            '<a class="embed-link"',
            "<figcaption>Cap</figcaption>",
        ]:
            assert fragment in html

    def test_unknown_classes_styles_and_frames_are_dropped(self):
        html = sanitize_body(
            '<p class="evil" style="position:fixed">x</p><iframe src="https://t.example"></iframe>'
            '<aside class="callout evil">y</aside><figure data-provider="evilcorp">z</figure>'
        )
        assert "evil" not in html
        assert "style" not in html
        assert "iframe" not in html
        assert "t.example" not in html

    def test_images_from_other_hosts_are_removed(self):
        html = sanitize_body('<p>x</p><img src="https://tracker.example/pixel.gif" alt="">')
        assert "img" not in html
        assert "tracker" not in html

    def test_library_images_get_dimensions_alt_and_srcset(self, settings):
        image = make_image(width=1000, height=500, alt="A dog on a beach")
        body = f'<figure><img src="{settings.MEDIA_URL}{image.file.name}"></figure>'
        html = sanitize_body(body, library_pictures(body))
        assert 'width="800" height="400"' in html
        assert 'alt="A dog on a beach"' in html
        assert "srcset=" in html
        assert 'type="image/webp"' in html
        assert 'loading="lazy"' in html

    def test_null_bytes_and_comments_go(self):
        assert sanitize_body("<p>a\x00b<!-- secret --></p>") == "<p>ab</p>"

    def test_save_stores_sanitized_html_and_text(self):
        article = make_article(body='<h2>Title</h2><p onclick="x()">Hello &amp; bye</p>')
        assert article.body_html == "<h2>Title</h2><p>Hello &amp; bye</p>"
        assert article.body_text == "Title\nHello & bye"


class TestRelated:
    def test_rare_shared_tag_outweighs_common_one(self):
        article = make_article(tags=["puppies", "rare-breed"])
        common = make_article(tags=["puppies"])
        rare = make_article(tags=["rare-breed"])
        for _ in range(4):
            make_article(tags=["puppies"])
        ranked = related_to(article)
        assert ranked.index(rare) < ranked.index(common)

    def test_more_shared_tags_rank_higher_and_category_adds_a_bonus(self):
        category = make_category()
        article = make_article(tags=["a", "b"], category=category)
        one_tag = make_article(tags=["a"])
        two_tags = make_article(tags=["a", "b"])
        one_tag_same_section = make_article(tags=["a"], category=category)
        ranked = related_to(article)
        assert ranked[:3] == [two_tags, one_tag_same_section, one_tag]

    def test_ties_go_to_the_newer_story(self):
        article = make_article(tags=["a"])
        older = make_article(tags=["a"], publish_at=timezone.now() - timedelta(days=5))
        newer = make_article(tags=["a"], publish_at=timezone.now() - timedelta(days=1))
        assert related_to(article) == [newer, older]

    def test_never_itself_never_unpublished_never_filler(self):
        article = make_article(tags=["a"])
        make_article(tags=["a"], status=Article.Status.DRAFT)
        make_article(tags=["a"], publish_at=timezone.now() + timedelta(days=1))
        make_article(tags=["unrelated"])
        assert related_to(article) == []

    def test_pinned_stories_come_first_and_are_not_repeated(self):
        article = make_article(tags=["a"])
        scored = make_article(tags=["a"])
        pinned = make_article(tags=["zzz"])
        also_scored_and_pinned = make_article(tags=["a"])
        PinnedRelation.objects.create(from_article=article, to_article=pinned, position=0)
        PinnedRelation.objects.create(
            from_article=article, to_article=also_scored_and_pinned, position=1
        )
        assert related_to(article) == [pinned, also_scored_and_pinned, scored]

    def test_a_pinned_draft_is_not_shown(self):
        article = make_article(tags=["a"])
        draft = make_article(status=Article.Status.DRAFT)
        PinnedRelation.objects.create(from_article=article, to_article=draft)
        assert related_to(article) == []

    def test_limit(self):
        article = make_article(tags=["a"])
        for _ in range(12):
            make_article(tags=["a"])
        assert len(related_to(article, limit=9)) == 9
