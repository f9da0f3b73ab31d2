"""A save from a stale copy of a story is refused, says what differs and keeps both
versions; without JavaScript, through the plain form."""

import pytest
from django.urls import reverse

from articles.admin.conflicts import word_diff
from articles.models import Article, Autosave, Revision
from doggydiary.roles import EDITORS

from ..factories import make_article, make_image, make_user, story_form

pytestmark = pytest.mark.django_db


def change_url(story):
    return reverse("admin:articles_article_change", args=[story.pk])


@pytest.fixture
def story():
    return make_article(
        title="Puppy school opens",
        body="<p>The class meets on Tuesdays at the library.</p>",
        hero_image=make_image(),
    )


@pytest.fixture
def sam():
    return make_user("sam", EDITORS, first_name="Sam", last_name="Editor")


@pytest.fixture
def eddie():
    return make_user("eddie", EDITORS)


def opened(client, story):
    """The form as the change page gives it: its hidden base and the story's fields."""
    html = client.get(change_url(story)).content.decode()
    base = html.split('name="loaded_updated_at" value="', 1)[1].split('"', 1)[0]
    return {**story_form(story), "loaded_updated_at": base}


def test_the_form_carries_the_version_it_was_loaded_from(client, story, eddie):
    client.force_login(eddie)
    form = opened(client, story)
    assert form["loaded_updated_at"] == story.updated_at.isoformat()
    add_page = client.get(reverse("admin:articles_article_add")).content.decode()
    assert '<input type="hidden" name="loaded_updated_at"' in add_page  # a new story: empty


def test_second_save_from_a_stale_copy_is_refused_and_both_versions_kept(client, story, sam, eddie):
    client.force_login(sam)
    sams_copy = opened(client, story)
    client.force_login(eddie)
    eddies_copy = opened(client, story)

    # Eddie saves first.
    eddies_copy.update(
        title="Puppy school opens its doors",
        body="<p>The class meets on Tuesdays at the town library.</p>",
    )
    assert client.post(change_url(story), eddies_copy).status_code == 302

    # Sam's save, from the copy loaded before Eddie's, is refused.
    client.force_login(sam)
    sams_copy["body"] = "<p>The class meets on Thursdays at the library.</p>"
    response = client.post(change_url(story), sams_copy)
    assert response.status_code == 200
    html = response.content.decode()
    assert "eddie saved this story after you opened it" in html
    assert "your changes were not saved" in html
    # What differs: the title, and the body word by word.
    assert '<th scope="row">Title</th><td>Puppy school opens its doors</td>' in html
    assert "<td>Puppy school opens</td>" in html
    assert "<del>Tuesdays</del> <ins>Thursdays</ins>" in html
    assert "<del>town</del>" in html
    # Both versions kept: Eddie's in the database, Sam's in the form and as an autosave.
    saved = Article.objects.get(pk=story.pk)
    assert saved.title == "Puppy school opens its doors"
    assert "town library" in saved.body
    assert "Thursdays" in html  # the form still holds Sam's body
    autosave = Autosave.objects.get(user=sam, article=story)
    assert autosave.data["fields"]["body"] == [sams_copy["body"]]
    assert Revision.objects.filter(article=story).count() == 1  # only Eddie's save

    # Saving again, having seen the differences, replaces it deliberately.
    base = html.split('name="loaded_updated_at" value="', 1)[1].split('"', 1)[0]
    assert base == saved.updated_at.isoformat()
    again = client.post(change_url(story), {**sams_copy, "loaded_updated_at": base})
    assert again.status_code == 302
    assert "Thursdays" in Article.objects.get(pk=story.pk).body
    assert Revision.objects.filter(article=story).count() == 2  # Eddie's is in the revisions


def test_same_person_two_tabs(client, story, eddie):
    client.force_login(eddie)
    first_tab, second_tab = opened(client, story), opened(client, story)
    assert client.post(change_url(story), {**first_tab, "dek": "From tab one."}).status_code == 302
    response = client.post(change_url(story), {**second_tab, "dek": "From tab two."})
    assert response.status_code == 200
    assert "after you opened it" in response.content.decode()
    assert Article.objects.get(pk=story.pk).dek == "From tab one."


def test_an_up_to_date_copy_saves(client, story, eddie):
    client.force_login(eddie)
    first = opened(client, story)
    assert client.post(change_url(story), {**first, "title": "One"}).status_code == 302
    second = opened(client, Article.objects.get(pk=story.pk))
    assert client.post(change_url(story), {**second, "title": "Two"}).status_code == 302
    assert Article.objects.get(pk=story.pk).title == "Two"


@pytest.mark.parametrize("base", ["", "not a date", "2020-01-01T00:00:00", "9999-99-99"])
def test_a_missing_or_bad_base_never_gives_a_500(client, story, eddie, base):
    client.force_login(eddie)
    response = client.post(change_url(story), {**story_form(story), "loaded_updated_at": base})
    assert response.status_code == 302


def test_word_diff_escapes_and_shortens():
    before = " ".join(f"w{n}" for n in range(40)) + " <b>old</b>"
    after = " ".join(f"w{n}" for n in range(40)) + " <b>new</b>"
    diff = word_diff(before, after)
    assert "&lt;b&gt;old&lt;/b&gt;" in diff
    assert "<ins>&lt;b&gt;new&lt;/b&gt;</ins>" in diff
    assert "…" in diff
    assert "w20" not in diff
