"""Editors, contributors and moderators in the admin: each may do exactly their part."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Revision, SlugRedirect

from .comment_helpers import make_comment
from .editorial_helpers import make_user, status_of, story_form
from .factories import make_article, make_author, make_category, make_image

pytestmark = pytest.mark.django_db

ADD = reverse("admin:articles_article_add")


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


@pytest.fixture
def filing():
    return {"author": make_author(), "category": make_category(), "hero": make_image()}


@pytest.fixture
def editor(client):
    user = make_user("eddie", "Editors")
    client.force_login(user)
    return user


@pytest.fixture
def contributor(client):
    user = make_user("connie", "Contributors")
    client.force_login(user)
    return user


def new_story(filing, **overrides):
    fields = {
        "author": filing["author"].pk,
        "category": filing["category"].pk,
        "hero_image": filing["hero"].pk,
    }
    return story_form(**{**fields, **overrides})


class TestRoles:
    def test_groups_exist_with_their_permissions(self):
        editors = set(
            Group.objects.get(name="Editors").permissions.values_list("codename", flat=True)
        )
        contributors = set(
            Group.objects.get(name="Contributors").permissions.values_list("codename", flat=True)
        )
        assert {"publish_article", "add_article", "delete_article", "change_image"} <= editors
        assert "publish_article" not in contributors and "delete_article" not in contributors
        assert {"add_article", "change_article", "add_image"} <= contributors
        assert not any("comment" in codename for codename in editors | contributors)

    def test_moderators_cannot_touch_stories(self, client):
        client.force_login(make_user("mo", "Moderators"))
        assert client.get(reverse("admin:articles_article_changelist")).status_code == 403
        assert client.get(ADD).status_code == 403


class TestEditors:
    def test_publish_now(self, client, editor, filing):
        response = client.post(ADD, new_story(filing, _editorial_action="publish"))
        assert response.status_code == 302, response.context["adminform"].form.errors
        article = Article.objects.get()
        assert article.is_public and article.created_by == editor
        assert client.get(article.get_absolute_url()).status_code == 200

    def test_schedule_goes_live_by_itself(self, client, editor, filing):
        later = timezone.localtime() + timedelta(hours=2)
        data = new_story(
            filing,
            _editorial_action="schedule",
            publish_at_0=later.strftime("%d/%m/%Y"),
            publish_at_1=later.strftime("%H:%M:%S"),
        )
        assert client.post(ADD, data).status_code == 302
        article = Article.objects.get()
        assert article.is_scheduled and not article.is_public
        changelist = client.get(reverse("admin:articles_article_changelist")).content.decode()
        assert "Scheduled" in changelist
        Article.objects.filter(pk=article.pk).update(publish_at=timezone.now())
        assert Article.objects.get().is_public

    def test_schedule_in_the_past_is_refused_and_keeps_the_work(self, client, editor, filing):
        past = timezone.localtime() - timedelta(days=1)
        data = new_story(
            filing,
            title="My careful headline",
            _editorial_action="schedule",
            publish_at_0=past.strftime("%d/%m/%Y"),
            publish_at_1=past.strftime("%H:%M:%S"),
        )
        response = client.post(ADD, data)
        assert response.status_code == 200
        assert "That time has passed" in response.content.decode()
        assert "My careful headline" in response.content.decode()
        assert not Article.objects.exists()

    def test_published_story_needs_dek_and_hero(self, client, editor, filing):
        data = new_story(filing, dek="", hero_image="", _editorial_action="publish")
        response = client.post(ADD, data)
        html = response.content.decode()
        assert response.status_code == 200
        assert "A published story needs a standfirst." in html
        assert "A published story needs a hero picture." in html
        draft = client.post(ADD, new_story(filing, dek="", hero_image=""))
        assert draft.status_code == 302  # a draft may be unfinished

    def test_duplicate_slug_gets_a_clear_message(self, client, editor, filing):
        make_article(title="The first one", slug="same-slug")
        response = client.post(ADD, new_story(filing, slug="same-slug"))
        assert "“The first one” already uses the address /story/same-slug/" in (
            response.content.decode()
        )

    def test_unpublish_and_bulk_actions(self, client, editor, filing):
        story = make_article(hero_image=filing["hero"])
        response = client.post(
            change_url(story), {**story_form(story), "_editorial_action": "unpublish"}
        )
        assert response.status_code == 302 and status_of(story) == "draft"
        drafts = [make_article(status="draft", hero_image=filing["hero"]) for _ in range(2)]
        no_hero = make_article(status="draft")
        changelist = reverse("admin:articles_article_changelist")
        client.post(
            changelist,
            {"action": "publish_selected", "_selected_action": [d.pk for d in [*drafts, no_hero]]},
        )
        assert [status_of(d) for d in drafts] == ["published", "published"]
        assert status_of(no_hero) == "draft"
        client.post(
            changelist, {"action": "unpublish_selected", "_selected_action": [drafts[0].pk]}
        )
        assert status_of(drafts[0]) == "draft"

    def test_list_shows_status_and_comment_counts(self, client, editor):
        story = make_article(title="Counted story")
        for _ in range(3):
            make_comment(story)
        make_comment(story, status="pending")
        html = client.get(reverse("admin:articles_article_changelist")).content.decode()
        assert "Counted story" in html and "(1 pending)" in html and ">3</a>" in html

    def test_changelist_query_count_is_flat(self, client, editor, django_assert_max_num_queries):
        for _ in range(3):
            make_article()
        url = reverse("admin:articles_article_changelist")
        with django_assert_max_num_queries(12) as few:
            client.get(url)
        for _ in range(20):
            make_comment(make_article())
        with django_assert_max_num_queries(len(few.captured_queries)):
            client.get(url)


class TestContributors:
    def test_can_draft_and_submit_for_review_but_not_publish(self, client, contributor, filing):
        assert client.post(ADD, new_story(filing)).status_code == 302
        article = Article.objects.get()
        assert article.status == "draft" and article.created_by == contributor
        refused = client.post(ADD, new_story(filing, slug="other", status="published"))
        assert refused.status_code == 200 and not Article.objects.filter(slug="other").exists()
        sneaky = client.post(
            change_url(article), {**story_form(article), "_editorial_action": "publish"}
        )
        assert status_of(article) == "draft", sneaky.status_code
        client.post(change_url(article), {**story_form(article), "_editorial_action": "review"})
        assert status_of(article) == "review"

    def test_cannot_see_or_touch_others_stories(self, client, contributor):
        theirs = make_article(title="Someone else's scoop")
        listing = client.get(reverse("admin:articles_article_changelist")).content.decode()
        assert "Someone else" not in listing
        assert client.get(change_url(theirs)).status_code == 302  # "doesn't exist"
        client.post(change_url(theirs), {**story_form(theirs), "title": "Hijacked"})
        assert Article.objects.get(pk=theirs.pk).title == "Someone else's scoop"
        preview = reverse("admin:articles_article_preview", args=[theirs.pk])
        assert client.get(preview).status_code == 404

    def test_published_story_is_read_only_for_its_contributor(self, client, contributor, filing):
        mine = make_article(created_by=contributor, hero_image=filing["hero"])
        page = client.get(change_url(mine))
        assert page.status_code == 200 and b"Publish now" not in page.content
        response = client.post(change_url(mine), {**story_form(mine), "title": "Changed"})
        assert response.status_code == 403
        assert Article.objects.get(pk=mine.pk).title != "Changed"

    def test_no_publish_actions_and_no_delete(self, client, contributor):
        mine = make_article(status="draft", created_by=contributor)
        changelist = client.get(reverse("admin:articles_article_changelist"))
        assert b"publish_selected" not in changelist.content
        client.post(
            reverse("admin:articles_article_changelist"),
            {"action": "publish_selected", "_selected_action": [mine.pk]},
        )
        assert status_of(mine) == "draft"
        delete = reverse("admin:articles_article_delete", args=[mine.pk])
        assert client.post(delete, {"post": "yes"}).status_code == 403

    def test_cannot_reach_comments_or_settings(self, client, contributor):
        assert client.get(reverse("admin:comments_comment_changelist")).status_code == 403


class TestSlugChanges:
    def test_old_address_of_a_published_story_redirects(self, client, editor, filing):
        story = make_article(slug="first-name", hero_image=filing["hero"])
        client.post(change_url(story), {**story_form(story), "slug": "second-name"})
        client.post(change_url(story), {**story_form(Article.objects.get(pk=story.pk)),
                                         "slug": "third-name"})  # fmt: skip
        for old in ["first-name", "second-name"]:
            response = client.get(reverse("articles:detail", args=[old]))
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
        assert response.status_code == 200 and "Secret draft" in html
        assert 'class="preview-banner"' in html and "Readers cannot see this page" in html
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
        assert "Unsaved title" in html and "<h2>New part</h2>" in html
        assert "<script>x()" not in html and "fresh" in html
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
        assert newest.user == editor and newest.data["title"] == "Version two"

        listing = client.get(reverse("admin:articles_article_revisions", args=[story.pk]))
        assert b"Version one" in listing.content and b"Version two" in listing.content
        compare = client.get(
            reverse("admin:articles_article_compare", args=[story.pk]),
            {"a": oldest.pk, "b": newest.pk},
        ).content.decode()
        assert all(f"<h2>{field}</h2>" in compare for field in ["Title", "Body", "Tags"])
        assert "Version&nbsp;o<span" in compare and "<h2>Dek</h2>" not in compare

        restore = reverse("admin:articles_article_restore", args=[oldest.pk])
        assert client.get(restore).status_code == 405
        client.post(restore)
        story.refresh_from_db()
        assert story.title == "Version one" and "First words" in story.body_html
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
