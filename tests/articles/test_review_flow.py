"""Review that reaches people: a submitted story is emailed to the editors and
listed on their admin home; an editor sends it back with a note that reaches its
writer."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from articles.models import Article, Revision
from doggydiary.roles import CONTRIBUTORS, EDITORS, MODERATORS

from ..factories import make_article, make_user, new_story, story_form
from ..helpers import ADD, change_url, status_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsroom(filing):
    editors = [make_user("eddie", EDITORS), make_user("erin", EDITORS)]
    silent = make_user("silent", EDITORS)
    get_user_model().objects.filter(pk=silent.pk).update(email="")  # nobody to write to
    boss = get_user_model().objects.create_superuser("boss", "boss@example.com", "x-long-pw")
    make_user("mo", MODERATORS)
    contributor = make_user("connie", CONTRIBUTORS)
    filing["author"].user = contributor  # a contributor writes as their own writer
    filing["author"].save()
    return {"editors": editors, "boss": boss, "contributor": contributor}


def send_back_url(article):
    return reverse("admin:articles_article_send_back", args=[article.pk])


def submit(client, contributor, filing, title="Puppy school"):
    client.force_login(contributor)
    data = new_story(filing, title=title, slug="puppy-school", _editorial_action="review")
    assert client.post(ADD, data).status_code == 302
    return Article.objects.get(slug="puppy-school")


class TestSubmitting:
    def test_editors_are_emailed_and_see_it_on_their_home(self, client, newsroom, filing):
        story = submit(client, newsroom["contributor"], filing)
        assert story.status == Article.Status.REVIEW
        assert len(mail.outbox) == 1
        message = mail.outbox[0]
        assert sorted(message.to) == ["boss@example.com", "eddie@example.com", "erin@example.com"]
        assert message.subject == "For review: Puppy school"
        assert "connie submitted a story for review" in message.body
        assert f"http://testserver{change_url(story)}" in message.body

        client.force_login(newsroom["editors"][0])
        home = client.get(reverse("admin:index")).content.decode()
        assert 'id="home-in-review"' in home
        assert "Puppy school" in home

    def test_saving_again_in_review_sends_nothing_new(self, client, newsroom, filing):
        story = submit(client, newsroom["contributor"], filing)
        data = {**story_form(story), "_editorial_action": "review", "title": "Puppy school 2"}
        assert client.post(change_url(story), data).status_code == 302
        assert client.post(change_url(story), story_form(story)).status_code == 302
        assert len(mail.outbox) == 1

    def test_choosing_the_in_review_status_counts_as_submitting(self, client, newsroom, filing):
        client.force_login(newsroom["contributor"])
        client.post(ADD, new_story(filing, title="Status chosen", status="review"))
        assert Article.objects.get().status == Article.Status.REVIEW
        assert [message.subject for message in mail.outbox] == ["For review: Status chosen"]

    def test_a_plain_save_notifies_nobody(self, client, newsroom, filing):
        client.force_login(newsroom["contributor"])
        client.post(ADD, new_story(filing, title="Only a draft"))
        assert Article.objects.get().status == Article.Status.DRAFT
        assert mail.outbox == []


class TestSendingBack:
    def test_note_reaches_the_writer_and_the_story_is_a_draft(self, client, newsroom, filing):
        story = submit(client, newsroom["contributor"], filing)
        mail.outbox.clear()
        editor = newsroom["editors"][0]
        editor.first_name, editor.last_name = "Eddie", "Mills"
        editor.save()
        client.force_login(editor)
        form = client.get(change_url(story)).content.decode()
        assert 'id="send-back"' in form
        assert send_back_url(story) in form

        note = "Lovely start.\nPlease check the <b>vet's</b> name & add a quote."
        response = client.post(send_back_url(story), {"note": note})
        assert response.status_code == 302
        assert response["Location"] == change_url(story)
        assert status_of(story) == Article.Status.DRAFT
        revision = Revision.objects.filter(article=story).first()
        assert revision.user == editor
        assert revision.data["review_note"] == note
        assert revision.note.startswith("Sent back: Lovely start.")

        (message,) = mail.outbox
        assert message.to == ["connie@example.com"]
        assert message.subject == "Sent back: Puppy school"
        assert note in message.body
        assert "Eddie Mills sent your story back" in message.body

        client.force_login(newsroom["contributor"])
        html = client.get(change_url(story)).content.decode()
        assert "Sent back by Eddie Mills" in html
        assert "Lovely start.<br>Please check the &lt;b&gt;vet&#x27;s&lt;/b&gt; name &amp;" in html
        assert 'id="send-back"' not in html  # contributors cannot send back

    def test_the_note_goes_once_the_story_is_resubmitted(self, client, newsroom, filing):
        story = submit(client, newsroom["contributor"], filing)
        client.force_login(newsroom["editors"][0])
        client.post(send_back_url(story), {"note": "Shorter, please."})
        client.force_login(newsroom["contributor"])
        story.refresh_from_db()
        assert "Shorter, please." in client.get(change_url(story)).content.decode()
        client.post(change_url(story), {**story_form(story), "_editorial_action": "review"})
        assert status_of(story) == Article.Status.REVIEW
        assert "Sent back by" not in client.get(change_url(story)).content.decode()

    def test_a_note_is_required_and_kept_when_refused(self, client, newsroom, filing):
        story = submit(client, newsroom["contributor"], filing)
        mail.outbox.clear()
        client.force_login(newsroom["editors"][0])
        response = client.post(send_back_url(story), {"note": "   "})
        assert response.status_code == 200
        assert "Write a note" in response.content.decode()
        too_long = "Woof " * 500
        response = client.post(send_back_url(story), {"note": too_long})
        html = response.content.decode()
        assert "Keep the note under 2000 characters" in html
        assert too_long.strip() in html
        assert status_of(story) == Article.Status.REVIEW
        assert mail.outbox == []

    def test_who_may_send_back(self, client, newsroom, filing):
        story = submit(client, newsroom["contributor"], filing)
        url = send_back_url(story)
        assert client.post(url, {"note": "Mine"}).status_code == 403  # the contributor
        client.force_login(make_user("otto", CONTRIBUTORS))
        assert client.post(url, {"note": "Not mine"}).status_code == 404
        client.force_login(get_user_model().objects.get(username="mo"))
        assert client.post(url, {"note": "Moderator"}).status_code == 404
        client.logout()
        assert client.post(url, {"note": "Stranger"}).status_code == 302  # to the login
        assert status_of(story) == Article.Status.REVIEW
        client.force_login(newsroom["boss"])
        assert client.get(url).status_code == 200  # the form on its own page
        assert client.post(url, {"note": "From the top"}).status_code == 302
        assert status_of(story) == Article.Status.DRAFT

    def test_only_a_story_in_review_goes_back(self, client, newsroom):
        client.force_login(newsroom["editors"][0])
        story = make_article(title="Already out")
        response = client.post(send_back_url(story), {"note": "Hm"}, follow=True)
        assert "Only a story in review can be sent back" in response.content.decode()
        assert status_of(story) == Article.Status.PUBLISHED
        assert mail.outbox == []
