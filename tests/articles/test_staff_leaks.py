"""What staff accounts learn of stories they may not see: a moderator or a contributor
finds no unpublished story's address, title, tags or id through the admin, and a tag
or an author only drafts have has no public page."""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from articles import editorial
from articles.models import Article, PinnedRelation
from doggydiary.roles import CONTRIBUTORS, EDITORS, MODERATORS

from ..factories import make_article, make_author, make_user, new_story, story_form
from ..helpers import ADD, change_url

pytestmark = pytest.mark.django_db
SUGGESTIONS = reverse("admin:articles_article_tag_suggestions")


def log_in(client, group):
    user = make_user(group.lower(), group)
    client.force_login(user)
    return user


def shortcut(story):
    content_type = ContentType.objects.get_for_model(Article)
    return f"/admin/r/{content_type.pk}/{story.pk}/"


@pytest.mark.parametrize("group", [MODERATORS, CONTRIBUTORS, EDITORS])
def test_view_on_site_names_no_unpublished_story(client, group):
    log_in(client, group)
    draft = make_article(slug="secret-plans", status=Article.Status.DRAFT)
    scheduled = make_article(slug="not-yet", publish_at=timezone.now() + timedelta(days=1))
    for story in [draft, scheduled]:
        response = client.get(shortcut(story))
        assert response.status_code == 404
        assert story.slug not in response.content.decode()
    public = make_article(slug="out-there")
    response = client.get(shortcut(public))
    assert response.status_code == 302
    assert response["Location"].endswith("/story/out-there/")
    assert client.get(shortcut(public).replace(f"/{public.pk}/", "/²/")).status_code == 404


def test_the_slug_message_names_only_a_story_the_writer_may_see(client, filing):
    make_article(title="The secret merger", slug="merger", status=Article.Status.DRAFT)
    log_in(client, CONTRIBUTORS)
    response = client.post(ADD, new_story(filing, slug="merger"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Another story already uses the address /story/merger/" in html
    assert "secret merger" not in html
    client.force_login(make_user("eddie", EDITORS))
    html = client.post(ADD, new_story(filing, slug="merger")).content.decode()
    assert "“The secret merger” already uses the address /story/merger/" in html


def test_tag_suggestions_hold_no_tag_of_anothers_draft(client):
    writer = log_in(client, CONTRIBUTORS)
    make_article(tags=["puppy-public"])
    make_article(tags=["puppy-secret"], status=Article.Status.DRAFT)
    make_article(tags=["puppy-soon"], publish_at=timezone.now() + timedelta(days=1))
    make_article(tags=["puppy-mine"], status=Article.Status.DRAFT, created_by=writer)
    tags = client.get(SUGGESTIONS, {"q": "pup"}).json()["tags"]
    assert tags == ["puppy-mine", "puppy-public"]
    client.force_login(make_user("eddie", EDITORS))
    tags = client.get(SUGGESTIONS, {"q": "pup"}).json()["tags"]
    assert tags == ["puppy-mine", "puppy-public", "puppy-secret", "puppy-soon"]


def pin(story, other):
    return {
        **story_form(story),
        "pinned_relations-TOTAL_FORMS": "1",
        "pinned_relations-0-to_article": str(other.pk),
        "pinned_relations-0-position": "0",
    }


def test_a_writer_cannot_pin_anothers_draft_by_its_id(client):
    writer = log_in(client, CONTRIBUTORS)
    mine = make_article(status=Article.Status.DRAFT, created_by=writer)
    theirs = make_article(status=Article.Status.DRAFT, title="Their draft")
    response = client.post(change_url(mine), pin(mine, theirs))
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not PinnedRelation.objects.exists()
    public = make_article()
    assert client.post(change_url(mine), pin(mine, public)).status_code == 302
    assert list(PinnedRelation.objects.values_list("to_article", flat=True)) == [public.pk]


def test_a_tag_or_author_only_drafts_have_has_no_page_until_a_story_is_out(client):
    author = make_author(slug="new-writer")
    draft = make_article(author=author, tags=["quiet-tag"], status=Article.Status.DRAFT)
    make_article(author=author, tags=["quiet-tag"], publish_at=timezone.now() + timedelta(days=1))
    tag_url = reverse("articles:tag", args=["quiet-tag"])
    for url in [tag_url, author.get_absolute_url()]:
        assert client.get(url).status_code == 404
    draft.status, draft.publish_at = Article.Status.PUBLISHED, timezone.now()
    draft.save()
    editorial.story_saved(draft)  # the tag rows take the publish time
    for url in [tag_url, author.get_absolute_url()]:
        response = client.get(url)
        assert response.status_code == 200
        assert draft.title in response.content.decode()
