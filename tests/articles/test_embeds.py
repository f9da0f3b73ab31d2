"""Social posts in stories: a card that links to the post, and the provider's player
only after the reader asks for it."""

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from articles.demo import read_catalogue, story_body
from articles.sanitize import EMBED_IDS, embed_for_url, sanitize_body
from doggydiary.middleware import EMBED_PLAYER_ORIGINS, PUBLIC_CSP

from ..factories import make_article
from ..helpers import parse_html

# The players' code lives in the site's one script (a second request cost more
# than the few hundred bytes it adds to every page).
EMBEDS_JS = Path(__file__).resolve().parents[2] / "static" / "js" / "site.js"
VIDEO = "dQw4w9WgXcQ"
TIKTOK = "7300000000000000001"
POST = "1700000000000000001"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (f"https://www.tiktok.com/@doggydiary/video/{TIKTOK}", ("tiktok", TIKTOK)),
        (f"https://www.tiktok.com/@dog.gy_1/video/{TIKTOK}?lang=en", ("tiktok", TIKTOK)),
        ("https://www.instagram.com/p/C8abcDEFghi/", ("instagram", "C8abcDEFghi")),
        ("https://instagram.com/reel/C8abc-EF_hi", ("instagram", "C8abc-EF_hi")),
        (f"https://www.youtube.com/watch?v={VIDEO}", ("youtube", VIDEO)),
        (f"https://www.youtube.com/watch?v={VIDEO}&t=30s", ("youtube", VIDEO)),
        (f"https://m.youtube.com/watch?feature=share&v={VIDEO}", ("youtube", VIDEO)),
        (f"https://youtu.be/{VIDEO}?si=abc", ("youtube", VIDEO)),
        (f"https://www.youtube.com/shorts/{VIDEO}", ("youtube", VIDEO)),
        (f"https://x.com/doggydiary/status/{POST}", ("x", POST)),
        ("https://twitter.com/doggy_diary/status/17", ("x", "17")),
        (f"http://youtu.be/{VIDEO}", ("youtube", VIDEO)),
    ],
)  # fmt: skip
def test_post_addresses_are_recognised(url, expected):
    assert embed_for_url(url) == expected


@pytest.mark.parametrize(
    "url",
    [
        f"https://www.youtube.com.evil.example/watch?v={VIDEO}",
        f"https://notyoutube.com/watch?v={VIDEO}",
        f"https://www.youtube.com:8443/watch?v={VIDEO}",
        f"https://user@www.youtube.com/watch?v={VIDEO}",
        f"javascript:alert(1)//youtu.be/{VIDEO}",
        f"ftp://youtu.be/{VIDEO}",
        "https://youtu.be/dQw4w9WgXc",  # too short
        "https://youtu.be/dQw4w9WgXcQQ",  # too long
        'https://youtu.be/dQw4w9Wg"cQ',
        "https://youtu.be/dQw4w9Wg%22cQ",
        "https://youtu.be/dQw4w9Wg<cQ",
        f"https://www.youtube.com/watch?v={VIDEO}&v=aaaaaaaaaaa",
        "https://www.youtube.com/watch",
        f"https://www.youtube.com/embed/{VIDEO}",
        "https://www.tiktok.com/@dog/video/123",  # ids are 19 digits or so
        f"https://www.tiktok.com/@dog/video/{TIKTOK}abc",
        "https://www.tiktok.com/@dog/video/٧٣٠٠٠٠٠٠٠٠٠٠٠٠٠٠٠٠١",  # other digits
        "https://www.instagram.com/p/a/",
        "https://www.instagram.com/p/C8abc/../../x",
        "https://www.instagram.com/stories/dog/123/",
        "https://x.com/dog/status/12a",
        "https://x.com/dog/likes",
        "https://example.org/",
        "not a url",
        "",
    ],
)
def test_anything_else_is_not_a_post(url):
    assert embed_for_url(url) is None


def card(provider, post_id, href, label, caption=""):
    html = (
        f'<figure class="embed" data-provider="{provider}" data-embed-id="{post_id}">'
        f'<a class="embed-link" href="{href}" rel="noopener">{label}</a>'
    )
    if caption:
        html += f"<figcaption>{caption}</figcaption>"
    return html + "</figure>"


def test_a_paragraph_that_is_only_a_post_link_becomes_a_card():
    url = f"https://www.youtube.com/watch?v={VIDEO}&amp;t=3"
    body = f'<p>Before.</p><p> <a href="{url}">Skye &amp; the cup</a> </p><p>After.</p>'
    assert sanitize_body(body) == (
        "<p>Before.</p>"
        + card("youtube", VIDEO, url, "Watch on YouTube", "Skye &amp; the cup")
        + "<p>After.</p>"
    )


@pytest.mark.parametrize(
    ("body", "provider", "post_id", "label"),
    [
        (f"https://www.tiktok.com/@dd/video/{TIKTOK}", "tiktok", TIKTOK, "Watch on TikTok"),
        ("https://www.instagram.com/p/Marmalade1/", "instagram", "Marmalade1", "View on Instagram"),
        (f"https://youtu.be/{VIDEO}", "youtube", VIDEO, "Watch on YouTube"),
        (f"https://x.com/dd/status/{POST}", "x", POST, "View on X"),
    ],
)  # fmt: skip
def test_a_bare_or_self_describing_post_link_gets_no_caption(body, provider, post_id, label):
    expected = card(provider, post_id, body, label)
    assert sanitize_body(f"<p>{body}</p>") == expected
    assert sanitize_body(f'<p><a href="{body}">{body}</a></p>') == expected


def test_a_post_link_within_a_sentence_stays_a_link():
    body = (
        f'<p>Watch <a href="https://youtu.be/{VIDEO}">the run</a> here.</p>'
        f'<p><a href="https://youtu.be/{VIDEO}"><strong>bold</strong></a></p>'
        '<p><a href="https://example.org/">https://example.org/</a></p>'
    )
    html = sanitize_body(body)
    assert "<figure" not in html
    assert html.count("<p>") == 3


def test_an_older_card_gets_its_id_from_its_link_only():
    body = (
        '<figure class="embed" data-provider="tiktok"><a class="embed-link" '
        f'href="https://youtu.be/{VIDEO}">Watch</a><figcaption>Cap</figcaption></figure>'
        '<figure class="embed" data-provider="youtube" data-embed-id="javascript:x">'
        '<a class="embed-link" href="https://example.org/v">Watch</a></figure>'
    )
    assert sanitize_body(body) == (
        card("youtube", VIDEO, f"https://youtu.be/{VIDEO}", "Watch", "Cap")
        + '<figure class="embed" data-provider="youtube"><a class="embed-link" '
        'href="https://example.org/v" rel="noopener">Watch</a></figure>'
    )


@pytest.mark.django_db
def test_every_demo_card_can_load_its_player():
    bodies = [sanitize_body(story_body(story["slug"])) for story in read_catalogue()["stories"]]
    cards = sum(body.count('<figure class="embed"') for body in bodies)
    assert cards >= 4
    assert sum(body.count("data-embed-id=") for body in bodies) == cards


def test_the_script_checks_ids_the_same_way():
    script = EMBEDS_JS.read_text()
    for provider, pattern in EMBED_IDS.items():
        assert f"/^{pattern.pattern}$/" in script, provider
    for origin in EMBED_PLAYER_ORIGINS:
        assert f'"{origin}/' in script, origin


def test_frames_are_limited_to_the_four_players():
    directives = dict(d.strip().split(" ", 1) for d in PUBLIC_CSP.split(";"))
    assert directives["frame-src"].split() == [
        "https://www.youtube-nocookie.com",
        "https://www.tiktok.com",
        "https://www.instagram.com",
        "https://platform.twitter.com",
    ]
    for name, value in directives.items():
        if name != "frame-src":
            assert "http" not in value, name
            assert "*" not in value, name


OFF_SITE = re.compile(r"^(https?:)?//", re.IGNORECASE)


@pytest.mark.django_db
def test_a_story_with_posts_loads_nothing_from_them(client):
    body = (
        f'<p>Intro.</p><p><a href="https://www.youtube.com/watch?v={VIDEO}">The run</a></p>'
        "<p>https://www.instagram.com/p/DemoMarmalade1/</p>"
    )
    story = make_article(body=body)
    response = client.get(story.get_absolute_url())
    assert "frame-src https://www.youtube-nocookie.com" in response["Content-Security-Policy"]
    html = response.content.decode()
    tree = parse_html(html)
    local = urlsplit("http://testserver/")
    for element in tree.iter():
        for name, value in element.attrib.items():
            if element.tag == "a" and name == "href":
                continue
            for url in value.replace(",", " ").split():
                if OFF_SITE.match(url):
                    assert urlsplit(url).netloc == local.netloc, (element.tag, name, url)
    assert "nocookie" not in html
    assert "iframe" not in html
    scripts = [s.get("src") for s in tree.iter("script") if s.get("src")]
    assert scripts == ["/static/js/site.js"]
    assert tree.find(".//script[@src='/static/js/site.js']").get("defer") is not None
    assert len(tree.findall(".//figure[@data-embed-id]")) == 2


STUB = "<html><title>stub</title></html>"
# A player that says it is up, as the real ones do (static/js/site.js waits for it).
PLAYER_STUB = '<html><title>player</title><script>parent.postMessage("{}", "*")</script></html>'


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_player_loads_only_when_the_reader_asks(live_server, browser_page):
    body = (
        "<p>Skye ran the course on three legs.</p>"
        f'<p><a href="https://www.youtube.com/watch?v={VIDEO}">Skye\'s winning run</a></p>'
        "<p>She won by two seconds.</p>"
    )
    story = make_article(body=body)
    page = browser_page
    page.goto(live_server.url + story.get_absolute_url())
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    assert page.foreign_requests == []
    assert page.locator("iframe").count() == 0

    # Nothing may leave the machine: any other host gets a local stub.
    def stub_other_hosts(route):
        if route.request.url.startswith(live_server.url):
            route.continue_()
        else:
            route.fulfill(status=200, content_type="text/html", body=PLAYER_STUB)

    page.route("**/*", stub_other_hosts)
    button = page.get_by_role(
        "button", name="Load the YouTube player (this connects to youtube.com)"
    )
    expect(button).to_be_visible()
    with page.expect_request(lambda request: "youtube-nocookie" in request.url):
        button.click()
    iframe = page.locator("figure.embed iframe")
    iframe.wait_for()
    page.locator("figure.embed .embed__frame:not(.embed__frame--waiting)").wait_for()
    src = f"https://www.youtube-nocookie.com/embed/{VIDEO}?enablejsapi=1"
    assert iframe.get_attribute("src") == src
    assert iframe.get_attribute("title") == "YouTube player: Skye's winning run"
    assert iframe.get_attribute("referrerpolicy") == "strict-origin-when-cross-origin"
    assert iframe.get_attribute("sandbox") == (
        "allow-scripts allow-same-origin allow-popups allow-presentation"
    )
    assert iframe.get_attribute("allow") == "encrypted-media; picture-in-picture; fullscreen"
    box = iframe.bounding_box()
    assert box["height"] == pytest.approx(box["width"] * 9 / 16, abs=2)
    assert page.evaluate("document.activeElement.tagName") == "IFRAME"
    assert (
        page.locator("figure.embed a.embed-link")
        .get_attribute("href")
        .startswith("https://www.youtube.com/")
    )
    assert page.foreign_requests == [src]
    assert page.console_errors == []

    # Any other frame is refused by the page's Content-Security-Policy.
    blocked = page.evaluate(
        """() => new Promise(resolve => {
            document.addEventListener("securitypolicyviolation", e => resolve(e.blockedURI));
            const frame = document.createElement("iframe");
            frame.src = "https://player.example/";
            document.body.append(frame);
        })"""
    )
    assert blocked.startswith("https://player.example")
    assert page.foreign_requests == [src]
