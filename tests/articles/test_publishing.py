"""Editors, contributors and moderators in the admin: each may publish exactly their part."""

import time
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from doggydiary.roles import CONTRIBUTORS, EDITORS, MODERATORS

from ..factories import make_article, make_comment, make_user, new_story, story_form
from ..helpers import ADD, change_url, status_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def contributor(client):
    user = make_user("connie", CONTRIBUTORS)
    client.force_login(user)
    return user


class TestRoles:
    def test_groups_exist_with_their_permissions(self):
        editors = set(
            Group.objects.get(name=EDITORS).permissions.values_list("codename", flat=True)
        )
        contributors = set(
            Group.objects.get(name=CONTRIBUTORS).permissions.values_list("codename", flat=True)
        )
        assert {"publish_article", "add_article", "delete_article", "change_image"} <= editors
        assert "publish_article" not in contributors
        assert "delete_article" not in contributors
        assert {"add_article", "change_article", "add_image"} <= contributors
        assert not any("comment" in codename for codename in editors | contributors)

    def test_moderators_cannot_touch_stories(self, client):
        client.force_login(make_user("mo", MODERATORS))
        assert client.get(reverse("admin:articles_article_changelist")).status_code == 403
        assert client.get(ADD).status_code == 403


class TestEditors:
    def test_publish_now(self, client, editor, filing):
        response = client.post(ADD, new_story(filing, _editorial_action="publish"))
        assert response.status_code == 302, response.context["adminform"].form.errors
        article = Article.objects.get()
        assert article.is_public
        assert article.created_by == editor
        assert client.get(article.get_absolute_url()).status_code == 200

    def test_schedule_goes_live_by_itself(self, client, editor, filing):
        soon = timezone.localtime().replace(microsecond=0) + timedelta(seconds=4)
        data = new_story(
            filing,
            title="Walkies at dawn",
            _editorial_action="schedule",
            publish_at_0=soon.strftime("%d/%m/%Y"),
            publish_at_1=soon.strftime("%H:%M:%S"),
        )
        assert client.post(ADD, data).status_code == 302
        article = Article.objects.get()
        assert article.publish_at == soon
        assert article.is_scheduled
        assert not article.is_public
        changelist = client.get(reverse("admin:articles_article_changelist")).content.decode()
        assert "Scheduled" in changelist
        assert "Walkies at dawn" not in client.get(reverse("articles:home")).content.decode()

        give_up = time.monotonic() + 10
        while timezone.now() <= soon and time.monotonic() < give_up:
            time.sleep(0.1)
        assert Article.objects.get().is_public  # nobody touched it: the clock did
        assert "Walkies at dawn" in client.get(reverse("articles:home")).content.decode()

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
        assert response.status_code == 302
        assert status_of(story) == "draft"
        drafts = [make_article(status="draft", hero_image=filing["hero"]) for _ in range(2)]
        no_hero = make_article(status="draft")
        changelist = reverse("admin:articles_article_changelist")
        client.post(
            changelist,
            {"action": "publish_selected", "_selected_action": [d.pk for d in [*drafts, no_hero]]},
        )
        assert [status_of(d) for d in drafts] == ["published", "published"]
        assert status_of(no_hero) == "draft"
        response = client.post(
            changelist,
            {"action": "unpublish_selected", "_selected_action": [drafts[0].pk]},
            follow=True,
        )
        assert status_of(drafts[0]) == "draft"
        said = [str(message) for message in response.context["messages"]]
        assert said[-1] == "Unpublished 1 story (now a draft)."  # one story, not "1 stories"

    def test_list_shows_status_and_comment_counts(self, client, editor):
        story = make_article(title="Counted story")
        for _ in range(3):
            make_comment(story)
        make_comment(story, status="pending")
        html = client.get(reverse("admin:articles_article_changelist")).content.decode()
        assert "Counted story" in html
        assert "<strong>1 pending</strong>" in html
        assert ">3</a>" in html

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
        filing["author"].user = contributor  # the writer linked to their account
        filing["author"].save()
        assert client.post(ADD, new_story(filing)).status_code == 302
        article = Article.objects.get()
        assert article.status == "draft"
        assert article.created_by == contributor
        refused = client.post(ADD, new_story(filing, slug="other", status="published"))
        assert refused.status_code == 200
        assert not Article.objects.filter(slug="other").exists()
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
        assert page.status_code == 200
        assert b"Publish now" not in page.content
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
