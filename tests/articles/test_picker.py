"""The picture picker's endpoints: the library page by page, search, upload in place,
and who may use them."""

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.models import Article, Image
from articles.sanitize import sanitize_body
from doggydiary.roles import CONTRIBUTORS, EDITORS, MODERATORS

from ..factories import jpeg_bytes, make_article, make_image, make_user
from ..helpers import get_made

pytestmark = pytest.mark.django_db

LIST = reverse("admin:articles_article_pictures")
UPLOAD = reverse("admin:articles_article_picture_upload")


def login(client, group):
    user = make_user(f"user-{group or 'none'}".lower(), group)
    client.force_login(user)
    return user


def photo(name="dog.jpg", width=1200, height=800):
    return SimpleUploadedFile(name, jpeg_bytes(width, height), content_type="image/jpeg")


class TestWhoMayUseIt:
    def test_anonymous_is_sent_to_log_in(self, client):
        for response in (client.get(LIST), client.post(UPLOAD, {"alt": "x", "file": photo()})):
            assert response.status_code == 302
            assert response["Location"].startswith(reverse("admin:login"))
        assert not Image.objects.exists()

    def test_moderator_may_not_browse_or_upload(self, client):
        login(client, MODERATORS)
        assert client.get(LIST).status_code == 403
        response = client.post(UPLOAD, {"alt": "A dog", "file": photo()})
        assert response.status_code == 403
        assert response.json()["error"] == "You may not add pictures to the library."
        assert not Image.objects.exists()

    def test_staff_without_a_role_may_not(self, client):
        login(client, None)
        assert client.get(LIST).status_code == 403

    @pytest.mark.parametrize("group", [CONTRIBUTORS, EDITORS])
    def test_writers_may_browse_and_upload(self, client, group):
        login(client, group)
        make_image(title="Beach")
        assert client.get(LIST).status_code == 200
        response = client.post(UPLOAD, {"alt": "A dog on a sofa", "file": photo()})
        assert response.status_code == 201
        assert Image.objects.filter(alt="A dog on a sofa").exists()

    def test_browsing_without_add_image_shows_no_upload(self, client):
        user = make_user("reader-of-library", None)
        user.user_permissions.add(
            *Permission.objects.filter(codename__in=["change_article", "view_article"])
        )
        client.force_login(user)
        assert client.get(LIST).status_code == 200
        assert client.post(UPLOAD, {"alt": "x", "file": photo()}).status_code == 403
        story = make_article(status="draft", created_by=user)
        page = client.get(reverse("admin:articles_article_change", args=[story.pk]))
        html = page.content.decode()
        assert 'data-picker-url="' + LIST in html
        assert "data-upload-url" not in html


class TestList:
    @pytest.mark.django_db(transaction=True)  # the task worker commits
    def test_newest_first_with_thumbnails_and_what_the_editor_inserts(self, roles, client):
        login(client, EDITORS)
        older = make_image(title="Older", alt="A collie asleep")
        newer = make_image(title="Newer", alt="A terrier digging", caption="Digging in")
        data = client.get(LIST).json()
        assert [p["id"] for p in data["results"]] == [newer.pk, older.pk]
        first = data["results"][0]
        assert first["src"] == newer.file.url
        assert first["alt"] == "A terrier digging"
        assert first["caption"] == "Digging in"
        assert first["thumb"].startswith("/media/renditions/")
        assert "/card-" in first["thumb"]
        assert (first["thumb_width"], first["thumb_height"]) == (320, 213)
        assert get_made(client, first["thumb"]).status_code == 200  # made by the worker

    def test_search_by_title_or_alt_text(self, client):
        login(client, EDITORS)
        by_title = make_image(title="Beach day", alt="Two dogs")
        by_alt = make_image(title="Untitled", alt="A spaniel on the BEACH")
        make_image(title="Park", alt="A greyhound running")
        data = client.get(LIST, {"q": "beach"}).json()
        assert {p["id"] for p in data["results"]} == {by_title.pk, by_alt.pk}
        assert data["count"] == 2
        assert data["query"] == "beach"
        assert client.get(LIST, {"q": "nothing like it"}).json()["results"] == []

    def test_pages_in_two_queries(self, client, django_assert_num_queries):
        """One count and one page of pictures, whatever the page size: no query per
        picture for its thumbnail."""
        login(client, EDITORS)
        for n in range(30):
            make_image(title=f"Picture {n}", width=400, height=300)
        with django_assert_num_queries(6):  # session, user, 2 for permissions, count, page
            first = client.get(LIST).json()
        assert len(first["results"]) == 24
        assert first["has_next"]
        assert first["pages"] == 2
        second = client.get(LIST, {"page": 2}).json()
        assert len(second["results"]) == 6
        assert not second["has_next"]

    @pytest.mark.parametrize("page", ["3", "0", "-1", "x", "1e9", "99999999999999999999"])
    def test_a_bad_page_is_a_json_404(self, client, page):
        login(client, EDITORS)
        make_image()
        response = client.get(LIST, {"page": page})
        assert response.status_code == 404
        assert response.json()["error"] == "There is no such page of pictures."

    def test_a_long_query_is_cut_not_refused(self, client):
        login(client, EDITORS)
        response = client.get(LIST, {"q": "dog " * 500})
        assert response.status_code == 200
        assert len(response.json()["query"]) <= 100

    def test_only_get(self, client):
        login(client, EDITORS)
        assert client.post(LIST).status_code == 405
        assert client.get(UPLOAD).status_code == 405


class TestUpload:
    def test_alt_text_is_required(self, client):
        login(client, EDITORS)
        for alt in ["", "   "]:
            response = client.post(UPLOAD, {"alt": alt, "title": "A dog", "file": photo()})
            assert response.status_code == 400
            assert "alt" in response.json()["errors"]
            assert response.json()["error"] == "This field is required."
        assert not Image.objects.exists()

    def test_a_picture_is_stored_and_returned_ready_to_use(self, client):
        login(client, EDITORS)
        response = client.post(
            UPLOAD,
            {"alt": "A beagle in the rain", "caption": "Wet", "file": photo("IMG_7.JPG")},
        )
        picture = response.json()["picture"]
        image = Image.objects.get(pk=picture["id"])
        assert image.title == "A beagle in the rain"  # the alt text stands in
        assert image.caption == "Wet"
        assert (image.width, image.height) == (1200, 800)
        assert "IMG_7" not in image.file.name
        assert client.get(picture["thumb"]).status_code == 200
        # What the picker inserts in the body survives the sanitizer as a picture.
        img = f'<img src="{picture["src"]}" alt="{picture["alt"]}">'
        body = f'<figure class="figure">{img}</figure>'
        html = sanitize_body(body, {image.file.name: image})
        assert "<picture>" in html
        assert 'alt="A beagle in the rain"' in html

    @pytest.mark.parametrize(
        ("name", "content", "message"),
        [
            ("notes.jpg", b"not a picture at all", "not an image"),
            ("drawing.svg", b'<svg xmlns="http://www.w3.org/2000/svg"></svg>', "not an image"),
            ("empty.jpg", b"", "empty"),
            ("cut.jpg", jpeg_bytes(800, 600)[:300], "not an image"),
        ],
    )
    def test_a_bad_file_is_a_clear_json_error(self, client, name, content, message):
        login(client, EDITORS)
        upload = SimpleUploadedFile(name, content, content_type="image/jpeg")
        response = client.post(UPLOAD, {"alt": "Something", "file": upload})
        assert response.status_code == 400
        assert response["Content-Type"] == "application/json"
        assert message in response.json()["error"]
        assert not Image.objects.exists()

    def test_no_file_is_a_clear_json_error(self, client):
        login(client, EDITORS)
        response = client.post(UPLOAD, {"alt": "Something"})
        assert response.status_code == 400
        assert "file" in response.json()["errors"]

    def test_too_large_is_refused_with_the_limit(self, client, settings):
        settings.IMAGE_MAX_MEGAPIXELS = 1
        login(client, EDITORS)
        response = client.post(UPLOAD, {"alt": "Big", "file": photo(width=1600, height=1000)})
        assert response.status_code == 400
        assert "limit" in response.json()["error"]


class TestStoryForm:
    def test_picture_fields_show_a_preview_and_a_working_number_field(self, client):
        user = login(client, EDITORS)
        hero = make_image(title="Sea dog", alt="A dog in the waves")
        story = make_article(hero_image=hero, created_by=user)
        html = client.get(reverse("admin:articles_article_change", args=[story.pk])).content
        html = html.decode()
        assert html.count("data-picture-choice") == 2
        assert "Sea dog" in html
        assert "A dog in the waves" in html
        assert f'name="hero_image" value="{hero.pk}"' in html
        assert "Choose picture" in html
        assert "No picture chosen" in html  # social is empty
        assert "js/admin-picker.js" in html
        assert "css/admin-picker.css" in html
        assert Article.objects.get(pk=story.pk).hero_image == hero
