"""Embedded posts that say what they are (issue 23): a post an editor describes shows
its poster, author and first line on the card before anything loads; the details are
fetched from a provider's oEmbed only when a setting allows it; the demo's posts are
described; and a player that does not load leaves a link card, never an error frame."""

import io
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command
from django.urls import reverse

from articles.demo import read_catalogue
from articles.models import Article, Image, SocialPost
from doggydiary.roles import EDITORS

from ..factories import jpeg_bytes, make_article, make_image, make_user, new_story, story_form
from ..helpers import change_url, parse_html

TIKTOK = "7318842265310924065"
ADDRESS = f"https://www.tiktok.com/@shelterdogs/video/{TIKTOK}"


def described(**fields):
    fields = {
        "address": ADDRESS,
        "author_name": "@shelterdogs",
        "first_line": "Biscuit meets the sea for the first time & is not sure about it.",
        "poster": make_image(720, 1280, alt="A lurcher at the edge of the sea"),
        **fields,
    }
    return SocialPost.objects.create(**fields)


@pytest.mark.django_db
class TestTheCard:
    def test_a_described_post_shows_poster_author_and_first_line(self, client):
        post = described()
        story = make_article(
            body=f'<p>Intro.</p><p><a href="{ADDRESS}">Biscuit at the beach</a></p>'
        )
        tree = parse_html(client.get(story.get_absolute_url()).content)
        card = tree.find(".//figure[@data-embed-id]")
        assert card.get("data-provider") == "tiktok"
        assert card.get("data-embed-id") == TIKTOK
        img = card.find("picture/img")
        assert img.get("src").startswith("/media/")
        assert img.get("width")
        assert img.get("height")
        assert img.get("alt") == (
            "A lurcher at the edge of the sea (a still from the TikTok post by @shelterdogs)"
        )
        quote = card.find("blockquote")
        assert [p.itertext().__next__() for p in quote.findall("p")] == [
            "@shelterdogs",
            post.first_line,
        ]
        assert card.find("a").get("href") == ADDRESS
        assert card.find("figcaption").text == "Biscuit at the beach"
        # The editor sees the post as the paragraph they pasted, not the card's details.
        editable = Article.objects.get(pk=story.pk)
        assert "blockquote" not in editable.body
        assert "Biscuit meets" not in editable.body

    def test_an_undescribed_post_is_the_link_card_it_was(self, client):
        story = make_article(body=f"<p>{ADDRESS}</p>")
        html = story.body_html
        assert "<picture" not in html
        assert "<blockquote" not in html
        assert 'class="embed-link"' in html

    def test_saving_a_description_updates_the_stories_that_show_it(self, client, editor):
        story = make_article(body=f"<p>{ADDRESS}</p>")
        poster = make_image(720, 1280)
        response = client.post(
            reverse("admin:articles_socialpost_add"),
            {"address": ADDRESS, "poster": poster.pk, "author_name": "@dogs", "first_line": "Hi."},
        )
        assert response.status_code == 302, response.content
        story.refresh_from_db()
        assert "<picture" in story.body_html
        assert "<strong>@dogs</strong>" in story.body_html

    def test_the_form_refuses_other_addresses_and_needs_no_provider(self, client, editor):
        add = reverse("admin:articles_socialpost_add")
        page = client.get(add, {"address": ADDRESS}).content.decode()
        assert f'value="{ADDRESS}"' in page
        assert "Fetch the poster" not in page
        response = client.post(add, {"address": "https://example.org/video/1"})
        assert b"not the address of a TikTok" in response.content
        described()
        response = client.post(add, {"address": ADDRESS + "?lang=en"})
        assert b"already described" in response.content
        assert SocialPost.objects.count() == 1

    def test_the_story_form_asks_for_a_description(self, client, editor, filing):
        body = f'<p><a href="{ADDRESS}">{ADDRESS}</a></p>'
        response = client.post(
            reverse("admin:articles_article_add"), new_story(filing, body=body), follow=True
        )
        html = response.content.decode()
        assert "Readers see only a link for" in html
        assert "/admin/articles/socialpost/add/?address=https%3A%2F%2Fwww.tiktok.com" in html
        described()
        story = Article.objects.get()
        response = client.post(change_url(story), story_form(story), follow=True)
        assert "Readers see only a link for" not in response.content.decode()

    def test_contributors_may_describe_posts(self, client):
        client.force_login(make_user("cora", "Contributors"))
        assert client.get(reverse("admin:articles_socialpost_add")).status_code == 200
        client.force_login(make_user("eddie", EDITORS))
        assert client.get(reverse("admin:articles_socialpost_changelist")).status_code == 200


class Provider(BaseHTTPRequestHandler):
    """A provider's oEmbed endpoint and picture host, on loopback."""

    asked = []

    def do_GET(self):  # noqa: N802 (the standard library's name)
        Provider.asked.append(self.path)
        if self.path.startswith("/oembed"):
            base = f"http://127.0.0.1:{self.server.server_port}"
            body = json.dumps({
                "type": "video", "version": "1.0", "author_name": "@shelterdogs",
                "title": "Biscuit meets the sea   for the first time",
                "thumbnail_url": f"{base}/still.jpg",
            }).encode()  # fmt: skip
            kind = "application/json"
        else:
            body, kind = jpeg_bytes(720, 1280), "image/jpeg"
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def provider():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Provider)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    Provider.asked = []
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


@pytest.mark.django_db
class TestFetchingDetails:
    def test_fetched_once_on_save_when_allowed(self, client, editor, settings, provider):
        settings.EMBED_FETCH_DETAILS = True
        settings.EMBED_OEMBED_ENDPOINTS = {"tiktok": f"{provider}/oembed"}
        add = reverse("admin:articles_socialpost_add")
        assert "Fetch the poster" in client.get(add).content.decode()
        response = client.post(add, {"address": ADDRESS, "fetch": "on", "first_line": "Mine."})
        assert response.status_code == 302
        post = SocialPost.objects.get()
        assert post.author_name == "@shelterdogs"
        assert post.first_line == "Mine."  # what the editor typed is kept
        assert post.poster.width == 720
        assert post.poster.height == 1280
        assert Image.objects.count() == 1
        assert Provider.asked[0].startswith("/oembed?url=https%3A%2F%2Fwww.tiktok.com")
        assert Provider.asked[1] == "/still.jpg"

    def test_a_provider_that_cannot_be_reached_loses_nothing(self, client, editor, settings):
        settings.EMBED_FETCH_DETAILS = True
        settings.EMBED_OEMBED_ENDPOINTS = {"tiktok": "http://127.0.0.1:9/oembed"}
        response = client.post(
            reverse("admin:articles_socialpost_add"),
            {"address": ADDRESS, "fetch": "on", "author_name": "@me"},
            follow=True,
        )
        assert b"could not be reached" in response.content
        assert SocialPost.objects.get().author_name == "@me"

    def test_off_by_default_the_field_is_ignored(self, client, editor, provider, settings):
        settings.EMBED_OEMBED_ENDPOINTS = {"tiktok": f"{provider}/oembed"}
        client.post(reverse("admin:articles_socialpost_add"), {"address": ADDRESS, "fetch": "on"})
        assert SocialPost.objects.get().author_name == ""
        assert Provider.asked == []


@pytest.mark.django_db
def test_every_demo_post_is_described_and_shows_a_poster():
    call_command("load_demo", scale=0.2, stdout=io.StringIO())
    posts = read_catalogue()["posts"]
    assert SocialPost.objects.count() == len(posts) >= 4
    bodies = [a.body_html for a in Article.objects.all()]
    cards = sum(body.count('<figure class="embed"') for body in bodies)
    assert cards == len(posts)
    assert sum(body.count('<figure class="embed"') for body in bodies if "<picture" in body)
    for post in SocialPost.objects.all():
        (body,) = [b for b in bodies if f'data-embed-id="{post.post_id}"' in b]
        card = body.split(f'data-embed-id="{post.post_id}"')[1].split("</figure>")[0]
        assert "<picture>" in card
        assert post.first_line.replace("&", "&amp;") in card


STILL_LOADING = "<html><title>a provider that never says it is up</title></html>"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("provider_answers", [False, True])
def test_a_player_that_does_not_load_leaves_the_link_card(
    live_server, browser_page, provider_answers
):
    described()
    story = make_article(body=f'<p>Intro.</p><p><a href="{ADDRESS}">At the beach</a></p>')
    page = browser_page
    page.goto(live_server.url + story.get_absolute_url())
    card = page.locator("figure.embed")
    card.scroll_into_view_if_needed()
    # Before anything loads: the poster, the author and the first line, and the button.
    assert card.locator("picture img").is_visible()
    assert card.get_by_text("@shelterdogs").is_visible()
    assert card.get_by_text("Biscuit meets the sea").is_visible()
    button = card.get_by_role("button", name="Load the TikTok player (this connects to tiktok.com)")
    assert button.is_visible()
    assert page.foreign_requests == []
    before = card.bounding_box()

    def provider(route):
        if route.request.url.startswith(live_server.url):
            route.continue_()
        elif provider_answers:  # up, but its player never speaks
            route.fulfill(status=200, content_type="text/html", body=STILL_LOADING)
        else:  # cannot be reached
            route.abort("connectionrefused")

    page.route("**/*", provider)
    button.click()
    note = card.get_by_role("status")
    note.wait_for(timeout=15_000)
    assert "The TikTok player did not load" in note.text_content()
    assert card.locator("iframe").count() == 0
    assert card.locator("picture img").is_visible()
    assert card.get_by_text("Biscuit meets the sea").is_visible()
    assert card.locator("a.embed-link").get_attribute("href") == ADDRESS
    after = card.bounding_box()  # the card as it was, not a player-sized frame
    assert abs(after["height"] - before["height"]) < 40, (before, after)
    page.console_errors.clear()  # the refused connection is the provider's, not ours
