"""Editing a story in the admin: slug redirects, previews, revisions and tag suggestions."""

import pytest
from django.urls import reverse

from articles.models import Article, Revision, SlugRedirect

from ..factories import make_article, new_story, story_form
from ..helpers import ADD, change_url, status_of

pytestmark = pytest.mark.django_db


class TestSlugChanges:
    def test_old_address_of_a_published_story_redirects(self, client, editor, filing):
        story = make_article(slug="first-name", hero_image=filing["hero"])
        client.post(change_url(story), {**story_form(story), "slug": "second-name"})
        client.post(change_url(story), {**story_form(Article.objects.get(pk=story.pk)),
                                         "slug": "third-name"})  # fmt: skip
        for old in ["first-name", "second-name"]:
            response = client.get(reverse("articles:story", args=[old]))
            assert response.status_code == 301
            assert response["Location"] == "/story/third-name/"
        assert client.get("/story/third-name/").status_code == 200

    def test_draft_slug_changes_leave_no_redirect(self, client, editor, filing):
        draft = make_article(slug="draft-one", status="draft")
        client.post(change_url(draft), {**story_form(draft), "slug": "draft-two"})
        assert not SlugRedirect.objects.exists()

    def test_a_redirect_never_shows_an_unpublished_story(self, client, editor, filing):
        story = make_article(slug="was-here", hero_image=filing["hero"])
        client.post(change_url(story), {**story_form(story), "slug": "now-here"})
        Article.objects.filter(pk=story.pk).update(status="draft")
        assert client.get("/story/was-here/").status_code == 404


class TestPreview:
    def test_saved_draft_preview_for_staff_only(self, client, editor):
        draft = make_article(status="draft", title="Secret draft")
        url = reverse("admin:articles_article_preview", args=[draft.pk])
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 200
        assert "Secret draft" in html
        assert 'class="preview-banner"' in html
        assert "Readers cannot see this page" in html
        assert response["X-Robots-Tag"] == "noindex, nofollow"
        assert '<meta name="robots" content="noindex">' in html
        assert "private" in response["Cache-Control"]
        client.logout()
        assert client.get(url).status_code == 302  # to the login page
        assert client.get(draft.get_absolute_url()).status_code == 404

    def test_unsaved_edits_preview_without_saving(self, client, editor, filing):
        story = make_article(title="Saved title", hero_image=filing["hero"])
        url = reverse("admin:articles_article_preview", args=[story.pk])
        data = {**story_form(story), "title": "Unsaved title",
                "body": "<h2>New part</h2><script>x()</script>", "tags": "fresh, new"}  # fmt: skip
        html = client.post(url, data).content.decode()
        assert "Unsaved title" in html
        assert "<h2>New part</h2>" in html
        assert "<script>x()" not in html
        assert "fresh" in html
        assert Article.objects.get(pk=story.pk).title == "Saved title"

    def test_brand_new_story_preview(self, client, editor, filing):
        url = reverse("admin:articles_article_preview_new")
        html = client.post(url, new_story(filing, title="Not yet saved")).content.decode()
        assert "Not yet saved" in html
        assert not Article.objects.exists()


class TestRevisions:
    def test_every_save_keeps_a_revision_and_restore_brings_it_back(self, client, editor, filing):
        client.post(ADD, new_story(filing, title="Version one", body="<p>First words.</p>"))
        story = Article.objects.get()
        edits = {"title": "Version two", "body": "<p>Second words.</p>", "tags": "cats"}
        client.post(change_url(story), {**story_form(story), **edits})
        revisions = list(Revision.objects.filter(article=story))
        assert len(revisions) == 2
        newest, oldest = revisions
        assert newest.user == editor
        assert newest.data["title"] == "Version two"

        listing = client.get(reverse("admin:articles_article_revisions", args=[story.pk]))
        assert b"Version one" in listing.content
        assert b"Version two" in listing.content
        compare = client.get(
            reverse("admin:articles_article_compare", args=[story.pk]),
            {"a": oldest.pk, "b": newest.pk},
        ).content.decode()
        assert all(f"<h2>{field}</h2>" in compare for field in ["Title", "Body", "Tags"])
        assert "Version <del>one</del> <ins>two</ins>" in compare
        assert "<h2>Dek</h2>" not in compare

        restore = reverse("admin:articles_article_restore", args=[oldest.pk])
        assert client.get(restore).status_code == 405
        client.post(restore)
        story.refresh_from_db()
        assert story.title == "Version one"
        assert "First words" in story.body_html
        assert sorted(t.name for t in story.tags.all()) == ["dogs"]
        assert Revision.objects.filter(article=story).count() == 3

    def test_restore_does_not_change_publishing_state(self, client, editor, filing):
        client.post(ADD, new_story(filing, title="Draft words"))
        story = Article.objects.get()
        client.post(change_url(story), {**story_form(story), "_editorial_action": "publish"})
        assert status_of(story) == "published"
        first = Revision.objects.filter(article=story).order_by("created_at", "pk").first()
        client.post(reverse("admin:articles_article_restore", args=[first.pk]))
        assert status_of(story) == "published"


class TestTagSuggestions:
    def test_suggests_existing_tags(self, client, editor):
        make_article(tags=["puppies", "puppy training", "cats"])
        url = reverse("admin:articles_article_tag_suggestions")
        assert client.get(url, {"q": "pup"}).json() == {"tags": ["puppies", "puppy training"]}
        assert client.get(url, {"q": ""}).json() == {"tags": []}
        client.logout()
        assert client.get(url, {"q": "pup"}).status_code == 302
