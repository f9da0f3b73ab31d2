"""Autosave and "X is editing this story": the endpoints for each role, the restore
offer on the change form, and what a real save does to an autosave."""

import time

import pytest
from django.urls import reverse

from articles.admin import autosave
from articles.models import Article, Autosave
from doggydiary.roles import CONTRIBUTORS, EDITORS, MODERATORS

from ..factories import make_article, make_image, make_user, story_form

pytestmark = pytest.mark.django_db

NEW = reverse("admin:articles_article_autosave_new")


def autosave_url(story):
    return reverse("admin:articles_article_autosave", args=[story.pk])


def editing_url(story):
    return reverse("admin:articles_article_editing", args=[story.pk])


def change_url(story):
    return reverse("admin:articles_article_change", args=[story.pk])


@pytest.fixture
def draft():
    author = make_user("cora", CONTRIBUTORS)
    return make_article(status="draft", title="Saved title", created_by=author)


def posted(story, **overrides):
    data = story_form(story, **overrides)
    data["loaded_updated_at"] = story.updated_at.isoformat()
    return data


class TestWhoMayAutosave:
    def test_anonymous_is_sent_to_log_in(self, client, draft):
        for url in (autosave_url(draft), NEW, editing_url(draft)):
            response = client.post(url, {"title": "x"})
            assert response.status_code == 302
            assert "/login/" in response["Location"]
        assert not Autosave.objects.exists()

    def test_moderator_is_refused(self, client, draft):
        client.force_login(make_user("mo", MODERATORS))
        assert client.post(autosave_url(draft), {"title": "x"}).status_code == 403
        assert client.post(NEW, {"title": "x"}).status_code == 403
        assert client.post(editing_url(draft)).status_code == 403
        assert not Autosave.objects.exists()

    def test_contributor_on_another_contributors_story_is_refused(self, client, draft):
        client.force_login(make_user("other", CONTRIBUTORS))
        assert client.post(autosave_url(draft), {"title": "x"}).status_code == 404
        assert client.post(editing_url(draft)).status_code == 404
        assert not Autosave.objects.exists()

    def test_contributor_may_not_autosave_a_published_story(self, client, draft):
        Article.objects.filter(pk=draft.pk).update(status="published", publish_at=draft.created_at)
        client.force_login(draft.created_by)
        assert client.post(autosave_url(draft), {"title": "x"}).status_code == 403
        assert not Autosave.objects.exists()

    def test_the_change_form_carries_the_autosave_script_and_addresses(self, client, draft):
        client.force_login(draft.created_by)
        html = client.get(change_url(draft)).content.decode()
        assert "js/admin-autosave.js" in html
        assert f'data-autosave-url="{autosave_url(draft)}"' in html
        assert f'data-editing-url="{editing_url(draft)}"' in html

    def test_contributor_on_own_draft_and_editor_on_any(self, client, draft):
        client.force_login(draft.created_by)
        assert client.post(autosave_url(draft), posted(draft, title="Mine")).status_code == 200
        client.force_login(make_user("eddie", EDITORS))
        assert client.post(autosave_url(draft), posted(draft, title="Ed's")).status_code == 200
        titles = sorted(a.data["fields"]["title"][0] for a in Autosave.objects.all())
        assert titles == ["Ed's", "Mine"]

    def test_only_post(self, client, draft):
        client.force_login(make_user("eddie", EDITORS))
        assert client.get(autosave_url(draft)).status_code == 405
        assert client.get(editing_url(draft)).status_code == 405

    def test_without_the_csrf_token_nothing_is_stored(self, draft):
        from django.test import Client

        strict = Client(enforce_csrf_checks=True)
        strict.force_login(make_user("eddie", EDITORS))
        assert strict.post(autosave_url(draft), {"title": "x"}).status_code == 403
        assert not Autosave.objects.exists()


class TestAutosave:
    def test_stores_the_form_once_per_person_and_story(self, client, draft):
        editor = make_user("eddie", EDITORS)
        client.force_login(editor)
        client.post(autosave_url(draft), posted(draft, title="First try"))
        response = client.post(
            autosave_url(draft),
            {**posted(draft, title="Second try"), "_labels": '{"author": {"3": "Ada"}}'},
        )
        assert response.status_code == 200
        assert response.json()["saved_at"]
        autosave = Autosave.objects.get()
        assert autosave.user == editor
        assert autosave.article == draft
        assert autosave.data["fields"]["title"] == ["Second try"]
        assert "csrfmiddlewaretoken" not in autosave.data["fields"]
        assert autosave.base_updated_at == draft.updated_at
        assert Article.objects.get(pk=draft.pk).title == "Saved title"  # the story is untouched

    def test_a_story_never_saved_is_autosaved_too(self, client):
        client.force_login(make_user("eddie", EDITORS))
        for title in ("New", "New story"):
            assert client.post(NEW, story_form(title=title)).status_code == 200
        autosave = Autosave.objects.get()
        assert autosave.article is None
        assert autosave.data["fields"]["title"] == ["New story"]

    def test_hostile_input_is_stored_harmlessly_or_ignored(self, client, draft):
        client.force_login(make_user("eddie", EDITORS))
        response = client.post(
            autosave_url(draft),
            {
                "title": "<script>x</script>",
                "_labels": "[not json",
                "loaded_updated_at": "yesterday",
            },
        )
        assert response.status_code == 200
        autosave = Autosave.objects.get()
        assert autosave.base_updated_at is None
        assert autosave.data["labels"] == {}

    def test_discard(self, client, draft):
        client.force_login(draft.created_by)
        client.post(autosave_url(draft), posted(draft, title="Oops"))
        assert client.post(autosave_url(draft), {"_discard": "1"}).json() == {"discarded": True}
        assert not Autosave.objects.exists()


class TestRestoreOffer:
    def test_offered_when_newer_than_the_story(self, client, draft):
        client.force_login(draft.created_by)
        client.post(autosave_url(draft), posted(draft, title="Unsaved title"))
        html = client.get(change_url(draft)).content.decode()
        assert 'id="autosave-offer"' in html
        assert "Unsaved title" in html
        assert "Restore unsaved changes from" in html
        assert "Discard" in html

    def test_not_offered_when_the_story_was_saved_later(self, client, draft):
        client.force_login(draft.created_by)
        client.post(autosave_url(draft), posted(draft, title="Unsaved title"))
        client.force_login(make_user("eddie", EDITORS))  # an editor saves the story after
        assert client.post(change_url(draft), posted(draft, title="Ed's")).status_code == 302
        client.force_login(draft.created_by)
        html = client.get(change_url(draft)).content.decode()
        assert 'id="autosave-offer"' not in html
        assert Autosave.objects.filter(user=draft.created_by).exists()  # still kept

    def test_nobody_is_offered_another_persons_autosave(self, client, draft):
        client.force_login(draft.created_by)
        client.post(autosave_url(draft), posted(draft, title="Cora's words"))
        client.force_login(make_user("eddie", EDITORS))
        html = client.get(change_url(draft)).content.decode()
        assert "Cora's words" not in html
        assert 'id="autosave-offer"' not in html

    def test_a_real_save_clears_the_autosave(self, client, draft):
        hero = make_image()
        client.force_login(draft.created_by)
        client.post(autosave_url(draft), posted(draft, title="Nearly done"))
        response = client.post(change_url(draft), posted(draft, title="Done", hero_image=hero.pk))
        assert response.status_code == 302
        assert Article.objects.get(pk=draft.pk).title == "Done"
        assert not Autosave.objects.exists()

    def test_new_story_offer_and_clearing_on_first_save(self, client, draft):
        client.force_login(make_user("eddie", EDITORS))
        client.post(NEW, story_form(title="Half written"))
        add = reverse("admin:articles_article_add")
        assert "Half written" in client.get(add).content.decode()
        data = story_form(
            title="Whole", slug="whole", author=draft.author_id, category=draft.category_id
        )
        assert client.post(add, data).status_code == 302
        assert not Autosave.objects.exists()


class TestPresence:
    def test_someone_else_editing_is_shown_and_expires(self, client, draft, settings):
        sam = make_user("sam", EDITORS, first_name="Sam", last_name="Editor")
        client.force_login(sam)
        assert client.get(change_url(draft)).status_code == 200  # Sam opens the story
        eddie = make_user("eddie", EDITORS)
        client.force_login(eddie)
        html = client.get(change_url(draft)).content.decode()
        assert "<strong>Sam Editor</strong> is editing this story (since " in html
        beat = client.post(editing_url(draft)).json()
        assert [person["name"] for person in beat["editing"]] == ["Sam Editor"]
        # Nobody sees themself; Sam leaves, and the banner goes.
        client.force_login(sam)
        names = [p["name"] for p in client.post(editing_url(draft)).json()["editing"]]
        assert names == ["eddie"]
        assert client.post(editing_url(draft), {"leaving": "1"}).json() == {"editing": []}
        client.force_login(eddie)
        assert client.post(editing_url(draft)).json()["editing"] == []

    def test_a_heartbeat_older_than_the_limit_is_forgotten(self, client, draft):
        sam = make_user("sam", EDITORS, first_name="Sam", last_name="Editor")
        eddie = make_user("eddie", EDITORS)
        # Sam's heartbeat came a moment over the limit ago (the clock given, not waited).
        autosave.mark_editing(draft.pk, sam, now=time.time() - autosave.PRESENCE_SECONDS - 1)
        client.force_login(eddie)
        assert client.post(editing_url(draft)).json()["editing"] == []
        # A heartbeat inside the limit is still someone editing.
        autosave.mark_editing(draft.pk, sam, now=time.time() - autosave.PRESENCE_SECONDS + 5)
        assert client.post(editing_url(draft)).json()["editing"][0]["name"] == "Sam Editor"

    def test_autosave_is_a_heartbeat(self, client, draft):
        sam = make_user("sam", EDITORS, first_name="Sam", last_name="Editor")
        client.force_login(sam)
        client.post(autosave_url(draft), posted(draft))
        client.force_login(make_user("eddie", EDITORS))
        assert client.post(autosave_url(draft), posted(draft)).json()["editing"][0]["name"] == (
            "Sam Editor"
        )
