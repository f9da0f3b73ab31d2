"""The WordPress importer's mapping, rule by rule, on a small export of our own."""

from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.utils import timezone
from taggit.models import Tag

from articles.models import Article, Author, Category, Image, Page
from comments.models import Comment
from wordpress.importer import run_import
from wordpress.models import WordPressItem
from wordpress.parse import MalformedExport

from ..factories import FIXTURE, export, import_fixture, uploads

pytestmark = pytest.mark.django_db


@pytest.fixture(name="report")
def report_fixture(tmp_path):
    return import_fixture(tmp_path)


def story(wp_id):
    item = WordPressItem.objects.get(kind="post", key=str(wp_id))
    return Article.objects.get(pk=item.object_id)


def test_authors_are_bylines_never_accounts(report):
    assert story(10).author.name == "Mabel Ortiz"
    assert story(10).author.slug == "mabel"
    # dc:creator without a wp:author still gets an author.
    assert story(11).author.name == "guest-writer"
    assert not get_user_model().objects.exists()
    assert not Author.objects.filter(user__isnull=False).exists()


def test_primary_category_is_the_section_and_the_others_tags(report):
    brushing = story(10)
    assert brushing.category.name == "Teeth"  # Yoast's primary (term 4), not the first
    assert set(brushing.tags.names()) == {"Puppies", "Walks", "Health & Care"}
    assert story(18).category.name == "Walks"  # no primary: the first
    sections = set(Category.objects.values_list("name", flat=True))
    assert sections == {"Teeth", "Walks", "Uncategorized"}
    assert story(12).category.slug == "uncategorized"


def test_statuses(report):
    assert story(10).status == "published"
    assert story(10).featured  # sticky
    coming = story(11)
    assert coming.status == "published"
    assert coming.is_scheduled
    assert coming.publish_at == datetime(2099, 1, 1, 12, tzinfo=UTC)
    assert story(12).status == "draft"
    assert story(13).status == "review"
    assert story(14).status == "draft"  # private
    assert story(15).status == "draft"  # password-protected
    assert not WordPressItem.objects.filter(kind="post", key__in=["16", "17"]).exists()
    published = set(Article.objects.published().values_list("title", flat=True))
    assert published == {"Brushing & flossing: a dog’s guide", "日本の犬"}
    skipped = report["skipped"]["posts"]
    assert skipped["in the trash"]["count"] == 1
    assert skipped["an auto-draft WordPress made and never saved"]["count"] == 1
    assert report["skipped"]["other items"]["'nav_menu_item' has no equivalent here"]["count"] == 1


def test_dates_standfirst_and_search_fields(report):
    brushing = story(10)
    assert brushing.publish_at == datetime(2024, 5, 13, 8, 30, tzinfo=UTC)  # post_date_gmt
    assert brushing.dek == "How to keep teeth clean"
    assert brushing.seo_title == "Dog teeth – Paws Weekly"
    assert brushing.seo_description == "Clean teeth, happy dog."


def test_pictures_hero_alt_and_missing_files(report):
    picture = Image.objects.get()
    assert picture.alt == "A wet terrier on sand"
    assert picture.caption == "Rex, muddy and proud"
    assert story(10).hero_image == picture
    assert "https://paws.example/wp-content/uploads/2024/05/lost.jpg" in report["missing_pictures"]


def test_body_has_nothing_raw_left(report):
    html = story(10).body_html
    for raw in ("[caption", "[gallery", "[embed", "[contact-form-7", "<!--", "paws.example"):
        assert raw not in html
    picture = Image.objects.get()
    assert html.count(f'src="/media/{picture.file.name}"') + html.count("/media/renditions") >= 2
    assert "<figcaption>Rex after his walk</figcaption>" in html
    assert 'data-provider="youtube"' in html
    assert 'data-embed-id="dQw4w9WgXcQ"' in html
    assert 'data-provider="x"' in html
    assert "<p>Brush every day.<br>" in html  # wpautop
    assert 'href="/2023/01/older-story/"' in html  # the old site's link, now relative
    assert "[sic]" in html  # prose in brackets is not a shortcode
    assert "elsewhere.example" not in html
    assert report["shortcodes"] == {"contact-form-7": 1}
    assert "<p>Block paragraph.</p>" in story(11).body_html


def test_comments_keep_threads_statuses_and_people(report):
    comments = {c.name + str(c.depth): c for c in Comment.objects.all()}
    sam, mabel, sam_again, ana = (
        comments["Sam1"],
        comments["Mabel Ortiz2"],
        comments["Sam3"],
        comments["Ana4"],
    )
    assert mabel.parent == sam
    assert sam_again.parent == mabel
    assert ana.parent == sam_again
    assert {mabel.root, sam_again.root, ana.root} == {sam}
    assert mabel.is_staff_reply
    assert not sam.is_staff_reply
    assert sam.website == "https://sam.example/"
    assert sam.body == "Great tips!\n\nMy dog hates it."
    assert sam.ip_address is None  # older than COMMENT_IP_RETENTION_DAYS
    assert sam.created_at == datetime(2024, 5, 14, 10, tzinfo=UTC)
    assert f'href="#comment-{sam.pk}"' in sam.card_html
    assert "Sam" in sam.card_html
    assert comments["Cheap pills1"].status == "spam"
    assert comments["Quiet1"].status == "pending"
    assert not Comment.objects.filter(name="Other blog").exists()
    assert report["skipped"]["comments"]["a pingback, not a reader's comment"]["count"] == 1
    assert story(10).comment_count == 4


def test_recent_ip_addresses_are_kept(tmp_path):
    recent = (timezone.now() - timedelta(days=1)).strftime("%Y-%m-%d %H:%M:%S")
    run_import(export(tmp_path, **{"2024-05-14 10:00:00": recent}))
    assert Comment.objects.get(name="Sam", depth=1).ip_address == "192.0.2.10"


def test_pages_become_the_magazines_pages(report):
    page = Page.objects.get()
    assert (page.title, page.slug, page.status) == ("About us", "about-us", "published")
    assert page.seo_description == "Who we are."
    assert "We write about dogs." in page.body_html


def test_non_ascii_slug_gets_a_working_address(report, client):
    japanese = story(18)
    assert japanese.slug.isascii()
    assert japanese.slug
    assert client.get(japanese.get_absolute_url()).status_code == 200
    old = client.get("/2024/06/%E6%97%A5%E6%9C%AC%E3%81%AE%E7%8A%AC/")
    assert (old.status_code, old["Location"]) == (301, japanese.get_absolute_url())


def test_importing_twice_changes_nothing(tmp_path, report):
    def state():
        return (
            list(Article.objects.order_by("pk").values_list("pk", "slug", "title", "updated_at")),
            list(Comment.objects.order_by("pk").values_list("pk", "status", "body")),
            Image.objects.count(), Author.objects.count(), Tag.objects.count(),
            Page.objects.count(),
        )  # fmt: skip

    before = state()
    again = run_import(FIXTURE, [uploads(tmp_path)])
    assert state() == before
    assert again["counts"]["posts"].get("created", 0) == 0
    assert again["counts"]["posts"]["unchanged"] == 7
    assert again["counts"]["comments"] == {"unchanged": 6, "skipped": 1}


def test_a_newer_export_updates_and_adds(tmp_path, report):
    newer = export(
        tmp_path,
        **{
            "Rex after his walk": "Rex after his swim",
            "<wp:comment_approved><![CDATA[0]]>": "<wp:comment_approved><![CDATA[1]]>",
            "<item><title>A draft</title>": "<item><title>Brand new</title><wp:post_id>40"
            "</wp:post_id><wp:status>draft</wp:status><wp:post_type>post</wp:post_type></item>"
            "<item><title>A draft</title>",
        },
    )
    articles = Article.objects.count()
    result = run_import(newer, [uploads(tmp_path)])
    assert Article.objects.count() == articles + 1
    assert "Rex after his swim" in story(10).body_html
    assert Comment.objects.get(name="Quiet").status == "approved"
    assert result["counts"]["posts"]["updated"] == 1
    assert result["counts"]["posts"]["created"] == 1
    assert result["counts"]["comments"]["updated"] == 1
    assert Image.objects.count() == 1
    assert Page.objects.count() == 1


@pytest.mark.parametrize(
    "namespace",
    ["https://wordpress.org/export/1.2/", "http://wordpress.org/export/1.1/",
     "http://wordpress.org/export/1.0/"],
)  # fmt: skip
def test_every_wxr_version_and_namespace_spelling(tmp_path, namespace):
    run_import(export(tmp_path, **{"http://wordpress.org/export/1.2/": namespace}))
    assert Article.objects.count() == 7
    assert Comment.objects.count() == 6


def test_a_namespace_that_is_not_wordpress_is_ignored(tmp_path):
    fake = export(tmp_path, **{"http://wordpress.org/export/1.2/": "http://example.com/fake/"})
    with pytest.raises(MalformedExport, match="not a WordPress export"):
        run_import(fake)
    assert not Article.objects.exists()


@pytest.mark.parametrize(
    ("cut", "line"),
    [
        (lambda text: text[: text.index("<title>A draft")], "line 102"),
        (lambda text: text.replace("Shiba and Akita.", "Shiba ]]> Akita."), "line 112"),
    ],
    ids=["truncated", "cdata-end-in-cdata"],
)
def test_a_broken_file_is_refused_whole(tmp_path, cut, line):
    broken = export(tmp_path, text=cut(FIXTURE.read_text()))
    with pytest.raises(MalformedExport, match=line):
        run_import(broken, [uploads(tmp_path)])
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_wordpress", str(broken))
    assert not Article.objects.exists()
    assert not Author.objects.exists()
    assert not Image.objects.exists()
    assert not WordPressItem.objects.exists()


def test_dry_run_writes_nothing(tmp_path, capsys):
    media = str(uploads(tmp_path))
    call_command("import_wordpress", str(FIXTURE), "--dry-run", "--media-dir", media)
    out = capsys.readouterr().out
    assert "posts: " in out
    assert "Dry run" in out
    assert "items/s" in out
    assert not Article.objects.exists()
    assert not Image.objects.exists()
    assert not WordPressItem.objects.exists()


def test_an_entity_bomb_is_refused(tmp_path):
    entities = '<!ENTITY a0 "woof">' + "".join(
        f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10)
    )
    bomb = (
        FIXTURE.read_text()
        .replace("<rss ", f"<!DOCTYPE rss [{entities}]>\n<rss ", 1)
        .replace("<title>A draft</title>", "<title>&a9;</title>")
    )
    with pytest.raises(MalformedExport, match="not well-formed"):
        run_import(export(tmp_path, text=bomb))
    assert not Article.objects.exists()


def test_posts_sharing_a_title_and_a_post_without_one_are_all_kept(tmp_path):
    twins = "".join(
        f"<item><title>Same title</title><wp:post_id>{n}</wp:post_id><wp:status>publish"
        "</wp:status><wp:post_type>post</wp:post_type></item>"
        for n in (60, 61)
    )
    untitled = (
        "<item><title></title><wp:post_id>62</wp:post_id><wp:status>publish</wp:status>"
        "<wp:post_type>post</wp:post_type><content:encoded><![CDATA[A walk by the river "
        "at dawn with two old greyhounds and a flask of tea.]]></content:encoded></item>"
    )
    run_import(
        export(
            tmp_path,
            **{"<item><title>Menu</title>": twins + untitled + "<item><title>Menu</title>"},
        )
    )
    assert sorted(Article.objects.filter(title="Same title").values_list("slug", flat=True)) == [
        "same-title",
        "same-title-2",
    ]
    assert story(62).title == "A walk by the river at dawn with"  # its first words


def test_comments_posted_after_an_import_get_fresh_ids(report):
    imported = set(Comment.objects.values_list("pk", flat=True))
    later = Comment.objects.create(
        article=story(10), name="New reader", email="new@example.com", body="Hello"
    )
    assert later.pk not in imported
    assert later.pk > max(imported)


def test_an_export_of_another_site_is_refused_whole(tmp_path, report):
    """WordPress ids are per site: another site's post 1 must not overwrite this one's."""
    stories = list(Article.objects.order_by("pk").values_list("pk", "title", "body"))
    other = export(
        tmp_path,
        name="other.xml",
        **{"<wp:base_site_url>https://": "<wp:base_site_url>https://other-",
           "<wp:base_blog_url>https://": "<wp:base_blog_url>https://other-",
           "<title>": "<title>Other "},
    )  # fmt: skip
    with pytest.raises(MalformedExport, match="already holds the import of"):
        run_import(other, [uploads(tmp_path)])
    assert list(Article.objects.order_by("pk").values_list("pk", "title", "body")) == stories
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_wordpress", str(other))
