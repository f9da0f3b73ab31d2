"""Shareable preview links: a reviewer without an account reads the latest saved
version of one story, until the link expires or is withdrawn, and nothing keeps it."""

from datetime import timedelta

import pytest
from django.urls import reverse

from articles import preview
from articles.models import PreviewLink
from doggydiary.roles import CONTRIBUTORS, EDITORS, MODERATORS

from ..factories import make_article, make_user

pytestmark = pytest.mark.django_db


def make_url(article):
    return reverse("admin:articles_article_preview_link_create", args=[article.pk])


def made_link_path(client, article, **data):
    """Make a link through the admin as the logged-in user; the path of the new link."""
    response = client.post(make_url(article), {"days": "7", **data})
    assert response.status_code == 302
    return preview.link_path(PreviewLink.objects.filter(article=article).first())


@pytest.fixture
def draft():
    return make_article(status="draft", title="Under wraps", body="<p>Secret biscuit plans.</p>")


@pytest.fixture
def editor():
    return make_user("eddie", EDITORS)


class TestReading:
    def test_a_working_link_shows_the_latest_saved_version_privately(self, client, editor, draft):
        client.force_login(editor)
        path = made_link_path(client, draft, note="Our vet")
        draft.title = "Under wraps, revised"
        draft.save()
        client.logout()

        response = client.get(path)
        html = response.content.decode()
        assert response.status_code == 200
        assert "Under wraps, revised" in html
        assert "Secret biscuit plans." in html
        assert "<strong>Preview</strong> — not published (Draft)" in html
        assert '<meta name="robots" content="noindex">' in html
        assert response["X-Robots-Tag"].startswith("noindex")
        assert "no-store" in response["Cache-Control"]
        assert "private" in response["Cache-Control"]
        assert not response.cookies
        assert client.get(draft.get_absolute_url()).status_code == 404  # still not public

    def test_never_kept_by_the_page_cache(self, client, editor, draft, settings):
        settings.PAGE_CACHE = True
        link = preview.create_link(draft, editor)
        path = preview.link_path(link)
        first, second = client.get(path), client.get(path)
        assert second.status_code == 200
        assert first["X-Page-Cache"] == second["X-Page-Cache"] == "bypass"
        preview.revoke_link(link)
        assert client.get(path).status_code == 404  # no copy of it survives anywhere

    def test_expired_link_is_gone(self, client, editor, draft):
        link = preview.create_link(draft, editor, lifetime=timedelta(0))
        assert client.get(preview.link_path(link)).status_code == 404
        later = preview.create_link(draft, editor, lifetime=timedelta(seconds=-1))
        assert client.get(preview.link_path(later)).status_code == 404

    def test_withdrawn_link_is_gone(self, client, editor, draft):
        client.force_login(editor)
        path = made_link_path(client, draft)
        link = PreviewLink.objects.get()
        response = client.post(
            reverse("admin:articles_article_preview_link_revoke", args=[link.pk])
        )
        assert response.status_code == 302
        client.logout()
        assert client.get(path).status_code == 404

    def test_a_link_never_shows_another_story(self, client, editor, draft):
        other = make_article(status="draft", title="The other draft")
        link_a = preview.create_link(draft, editor)
        link_b = preview.create_link(other, editor)
        html = client.get(preview.link_path(link_a)).content.decode()
        assert "Under wraps" in html
        assert "The other draft" not in html

        token = preview.link_token(link_a)
        for forged in [
            token[:-2] + "xx",
            token.upper(),
            "1",
            "MQ",
            "a:b:c",
            "x" * 300,
            "%00",
            "a%00b",
        ]:
            url = f"/preview/{forged}/"
            assert client.get(url).status_code == 404, forged
        # The old kind of address, the id signed, opens nothing.
        from django.core import signing

        for old in [
            signing.dumps(link_b.pk),
            signing.dumps(link_b.pk, salt="articles.preview-link"),
        ]:
            assert client.get(f"/preview/{old}/").status_code == 404

    def test_the_address_tells_nothing_of_how_many_links_there_are(self, client, editor, draft):
        import base64

        tokens = [preview.link_token(preview.create_link(draft, editor)) for _ in range(3)]
        for link_id, token in enumerate(tokens, start=1):
            assert len(token) >= 40
            assert ":" not in token
            # Django's signed values start with the value in base64 ("MQ" for 1).
            encoded = base64.urlsafe_b64encode(str(link_id).encode()).decode().rstrip("=")
            assert not token.startswith(encoded)
            assert client.get(f"/preview/{token}/").status_code == 200

    def test_only_get_and_head(self, client, editor, draft):
        path = preview.link_path(preview.create_link(draft, editor))
        assert client.post(path).status_code == 405


class TestMaking:
    def test_who_may_make_a_link(self, client, editor, draft):
        contributor = make_user("connie", CONTRIBUTORS)
        own = make_article(status="draft", created_by=contributor)
        moderator = make_user("mo", MODERATORS)

        client.force_login(moderator)  # sees no stories at all
        assert client.post(make_url(draft), {"days": "7"}).status_code == 404
        client.force_login(contributor)
        assert client.post(make_url(draft), {"days": "7"}).status_code == 404  # not theirs
        assert client.post(make_url(own), {"days": "7"}).status_code == 302
        own.status = "published"
        own.save()
        assert client.post(make_url(own), {"days": "7"}).status_code == 403  # theirs no more
        client.logout()
        assert client.post(make_url(draft), {"days": "7"}).status_code == 302  # to login
        client.force_login(editor)
        assert client.get(make_url(draft)).status_code == 405
        assert client.post(make_url(draft), {"days": "30"}).status_code == 302
        assert PreviewLink.objects.filter(article=draft).count() == 1
        assert PreviewLink.objects.filter(article=own).count() == 1

    def test_lifetimes_and_bad_input(self, client, editor, draft):
        client.force_login(editor)
        for days in ["1", "7", "30"]:
            client.post(make_url(draft), {"days": days})
        spans = sorted(
            round((link.expires_at - link.created_at) / timedelta(days=1))
            for link in PreviewLink.objects.all()
        )
        assert spans == [1, 7, 30]
        for bad in ["365", "-1", "abc", ""]:
            response = client.post(make_url(draft), {"days": bad}, follow=True)
            assert response.status_code == 200
            assert "Choose how long the link works" in response.content.decode()
        assert PreviewLink.objects.count() == 3

    def test_withdrawing_needs_the_story(self, client, editor, draft):
        link = preview.create_link(draft, editor)
        revoke = reverse("admin:articles_article_preview_link_revoke", args=[link.pk])
        client.force_login(make_user("connie", CONTRIBUTORS))
        assert client.post(revoke).status_code == 404
        client.force_login(make_user("mo", MODERATORS))
        assert client.post(revoke).status_code == 404
        assert preview.is_active(PreviewLink.objects.get())
        missing = reverse("admin:articles_article_preview_link_revoke", args=[link.pk + 99])
        client.force_login(editor)
        assert client.post(missing).status_code == 404

    def test_change_form_lists_links_with_their_address(self, client, editor, draft):
        client.force_login(editor)
        path = made_link_path(client, draft, note="Dr <b>Bark</b>")
        old = preview.create_link(draft, editor)
        preview.revoke_link(old)
        html = client.get(reverse("admin:articles_article_change", args=[draft.pk])).content
        html = html.decode()
        assert 'id="preview-links"' in html
        assert f"http://testserver{path}" in html
        assert "Dr &lt;b&gt;Bark&lt;/b&gt;" in html
        assert "Withdrawn" in html
