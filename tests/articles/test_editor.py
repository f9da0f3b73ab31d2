"""The story editor and the sanitizer agree: what the editor writes is what a story shows."""

import base64

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from articles.editor import BODY_EDITOR_EXTENSIONS, BodyEditorWidget
from articles.models import library_pictures
from articles.sanitize import editable_body, sanitize_body

from ..factories import make_image
from ..helpers import log_in

# Each construct the configured editor can make, exactly as it writes it (its
# getHTML(); test_the_editor_writes_each_construct_this_way checks these in
# Chromium), and what the story then shows.
CONSTRUCTS = [
    ("<h2>Subheading</h2>", "<h2>Subheading</h2>"),
    ("<h3>Smaller subheading</h3>", "<h3>Smaller subheading</h3>"),
    ("<p><strong>bold</strong> and <em>italic</em></p>", None),
    ("<p>one line<br>and the next</p>", None),
    (
        '<p><a href="https://dogs.example/rescue">a link</a></p>',
        '<p><a href="https://dogs.example/rescue" rel="noopener">a link</a></p>',
    ),
    ('<p><a href="mailto:desk@dogs.example">write to us</a></p>', None),
    ("<ul><li><p>one</p></li><li><p>two</p></li></ul>", None),
    ('<ol data-type="decimal"><li><p>first</p></li></ol>', "<ol><li><p>first</p></li></ol>"),
    (
        '<ol data-type="decimal" start="3"><li><p>third</p></li></ol>',
        '<ol start="3"><li><p>third</p></li></ol>',
    ),
    ("<blockquote><p>Woof, said the dog.</p></blockquote>", None),
    (
        '<blockquote><p>Woof.</p><p class="attribution">A dog</p></blockquote>',
        "<blockquote><p>Woof.</p><cite>A dog</cite></blockquote>",
    ),
    (
        '<blockquote class="callout"><h3>Foster?</h3><p>Ask your rescue.</p></blockquote>',
        '<aside class="callout" role="note"><h3>Foster?</h3><p>Ask your rescue.</p></aside>',
    ),
    ("<hr>", None),
    (
        '<p><a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ">Skye\'s winning run</a></p>',
        '<figure class="embed" data-provider="youtube" data-embed-id="dQw4w9WgXcQ">'
        '<a class="embed-link" href="https://www.youtube.com/watch?v=dQw4w9WgXcQ" rel="noopener">'
        "Watch on YouTube</a><figcaption>Skye's winning run</figcaption></figure>",
    ),
    (
        '<p><a href="https://youtu.be/dQw4w9WgXcQ">https://youtu.be/dQw4w9WgXcQ</a></p>',
        '<figure class="embed" data-provider="youtube" data-embed-id="dQw4w9WgXcQ">'
        '<a class="embed-link" href="https://youtu.be/dQw4w9WgXcQ" rel="noopener">'
        "Watch on YouTube</a></figure>",
    ),
]
# A picture from the library, with and without a caption ({src} is filled in).
FIGURE = '<figure class="figure"><img src="{src}" alt="A dog"><figcaption class="figure-caption">On the beach</figcaption></figure>'  # noqa: E501
BARE_IMAGE = '<img src="{src}" alt="A dog">'


def editor_document(src):
    return (
        "".join(editor for editor, _ in CONSTRUCTS)
        + FIGURE.format(src=src)
        + BARE_IMAGE.format(src=src)
    )


@pytest.mark.parametrize(("editor", "shown"), CONSTRUCTS)
def test_each_construct_the_editor_makes_is_kept(editor, shown):
    assert sanitize_body(editor) == (shown or editor)


@pytest.mark.django_db
def test_a_whole_editor_document_round_trips(settings):
    image = make_image(width=1000, height=500)
    src = f"{settings.MEDIA_URL}{image.file.name}"
    document = editor_document(src)
    html = sanitize_body(document, library_pictures(document))
    expected = "".join(shown or editor for editor, shown in CONSTRUCTS)
    assert html.startswith(expected)
    figure, bare = html[len(expected) :].split("</figure>")
    assert figure.startswith("<figure><picture>")
    assert figure.endswith("</picture><figcaption>On the beach</figcaption>")
    assert 'alt="A dog"' in figure
    assert 'width="800" height="400"' in figure
    assert bare.startswith("<picture>")
    assert bare.endswith("</picture>")
    # The widget shows a stored body through editable_body: for the editor's own
    # markup that changes nothing a reader sees.
    reopened = editable_body(document)
    assert sanitize_body(reopened, library_pictures(reopened)) == html


@pytest.mark.parametrize(
    ("hostile", "shown"),
    [
        ('<p>a</p><script>alert("x")</script>', "<p>a</p>"),
        ('<p>a</p><iframe src="https://player.example/"></iframe>', "<p>a</p>"),
        ('<p style="position:fixed">styled</p>', "<p>styled</p>"),
        ('<p onclick="steal()">clicked</p>', "<p>clicked</p>"),
        ('<p>a</p><img src="/media/x.jpg" onerror="steal()">', "<p>a</p>"),
        ("<h1>Second headline</h1>", "Second headline"),
        ("<table><tr><td>cell</td></tr></table>", "cell"),
        ('<p>a</p><img src="https://tracker.example/pixel.gif" alt="">', "<p>a</p>"),
        ('<p><a href="javascript:alert(1)">js</a></p>', "<p><a>js</a></p>"),
        ('<p><a href="tel:+440000">call</a></p>', "<p><a>call</a></p>"),
        (
            '<p><a href="https://dogs.example/" target="_blank">tab</a></p>',
            '<p><a href="https://dogs.example/" rel="noopener">tab</a></p>',
        ),
        (
            '<figure class="embed" data-provider="youtube" data-embed-id="x&quot;a=1">x</figure>',
            '<figure class="embed" data-provider="youtube">x</figure>',
        ),
    ],
)
@pytest.mark.django_db
def test_what_the_editor_cannot_make_is_dropped(hostile, shown):
    assert sanitize_body(hostile, library_pictures(hostile)) == shown


def test_pasted_markup_is_reduced_to_its_meaning():
    pasted = (
        '<p class="MsoNormal">plain</p><ol type="a" data-type="lower-alpha"><li><p>x</p></li></ol>'
        '<p class="attribution">not in a quote</p>'
        '<blockquote class="callout evil"><p>q</p></blockquote>'
    )
    assert sanitize_body(pasted) == (
        '<p>plain</p><ol type="a"><li><p>x</p></li></ol><p>not in a quote</p>'
        "<blockquote><p>q</p></blockquote>"
    )


def test_an_older_story_opens_in_the_editor_in_its_own_terms():
    stored = (
        '<aside class="callout"><h3>Help</h3><p>Foster.</p></aside>'
        "<blockquote><p>Woof.</p><cite>A dog</cite></blockquote>"
        '<figure class="embed" data-provider="tiktok"><a class="embed-link" '
        'href="https://www.tiktok.com/@dd/video/7300000000000000001">Watch this clip on TikTok</a>'
        "<figcaption>Nap time</figcaption></figure>"
    )
    assert editable_body(stored) == (
        '<blockquote class="callout"><h3>Help</h3><p>Foster.</p></blockquote>'
        '<blockquote><p>Woof.</p><p class="attribution">A dog</p></blockquote>'
        '<p><a href="https://www.tiktok.com/@dd/video/7300000000000000001">Nap time</a></p>'
    )
    # Saved again from the editor, the story shows the same call-out, quote and card.
    assert sanitize_body(editable_body(stored)) == sanitize_body(stored).replace(
        "Watch this clip on TikTok", "Watch on TikTok"
    )


def test_the_widget_is_configured_for_the_sanitizer():
    widget = BodyEditorWidget()
    html = widget.render("body", '<aside class="callout"><p>Note</p></aside>')
    assert "data-django-prose-editor-configurable=" in html
    assert "&lt;blockquote class=&quot;callout&quot;&gt;" in html  # shown in the editor's terms
    assert BODY_EDITOR_EXTENSIONS["Heading"] == {"levels": [2, 3]}
    assert BODY_EDITOR_EXTENSIONS["Link"]["enableTarget"] is False
    assert not {"Table", "HTML", "TextAlign", "Color", "CodeBlock"} & set(BODY_EDITOR_EXTENSIONS)


def test_the_widget_assets_are_our_own_static_files():
    media = str(BodyEditorWidget().media)
    urls = [part.split('"')[0] for part in media.replace("'", '"').split('"/')[1:]]
    assert urls, media
    assert all(url.startswith("static/") for url in urls), urls
    assert "static/css/body-editor.css" in urls
    assert "http" not in media
    assert "//" not in media.replace("://", "")


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser(
        "chief", "chief@example.com", "a-long-test-password-4711"
    )


def test_the_article_add_page_serves_the_editor(client, superuser):
    client.force_login(superuser)
    response = client.get(reverse("admin:articles_article_add"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "data-django-prose-editor-configurable" in html
    assert '<script type="importmap">' in html
    for asset in ["editor.js", "configurable.js", "editor.css", "material-icons.css"]:
        assert f"/static/django_prose_editor/{asset}" in html


# Browser tests: the editor in Debian's Chromium.

ONE_PIXEL_GIF = base64.b64decode("R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==")


def serve_editor_page(page, live_server, widget_html):
    """Serve a page holding the widget from the live server's origin, so its
    /static/ assets come from there; pictures are a local one-pixel stub."""
    html = f"<!doctype html><html lang=en><head><title>Editor</title>{BodyEditorWidget().media}</head><body>{widget_html}</body></html>"  # noqa: E501
    page.route(
        f"{live_server.url}/editor-test/",
        lambda route: route.fulfill(content_type="text/html", body=html),
    )
    page.route(
        "**/media/**",
        lambda route: route.fulfill(content_type="image/gif", body=ONE_PIXEL_GIF),
    )
    page.goto(f"{live_server.url}/editor-test/")
    page.locator(".tiptap[contenteditable=true]").wait_for()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_editor_writes_each_construct_this_way(live_server, browser_page):
    page = browser_page
    serve_editor_page(page, live_server, BodyEditorWidget().render("body", "", {"id": "id_body"}))
    document = editor_document("/media/images/dog.jpg")
    written = page.evaluate(
        """async (html) => {
            const {createEditor} = await import("django-prose-editor/configurable");
            const textarea = document.createElement("textarea");
            textarea.setAttribute(
                "data-django-prose-editor-configurable",
                document.querySelector("#id_body").dataset.djangoProseEditorConfigurable,
            );
            textarea.value = html;
            document.body.append(textarea);
            return (await createEditor(textarea)).getHTML();
        }""",
        document,
    )
    assert written == document
    assert page.console_errors == []
    assert page.foreign_requests == []


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_editor_writes_a_story_in_the_admin(live_server, browser_page, superuser):
    page = browser_page
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204))
    log_in(page, live_server.url, "chief", "a-long-test-password-4711")
    page.goto(live_server.url + reverse("admin:articles_article_add"))
    assert page.locator("textarea[data-django-prose-editor-configurable]").count() == 1

    editor = page.locator(".tiptap[contenteditable=true]")
    editor.click()
    page.keyboard.type("Hello ")
    page.keyboard.press("Control+b")
    page.keyboard.type("bold")
    page.keyboard.press("Control+Alt+2")
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    page.keyboard.press("Control+b")  # bold carries over into the new paragraph
    page.keyboard.type("Foster a pup.")
    page.keyboard.press("Control+Shift+b")  # Tiptap: wrap in a quote
    block_style = page.get_by_role("button", name="Block style")
    page.locator(".prose-menubar__selected", has=block_style).click()
    page.locator("[data-name='nodeClass:blockquote:callout']").click()

    body = page.locator("textarea[name=body]").input_value()
    assert body.startswith("<h2>Hello <strong>bold</strong></h2>")
    assert '<blockquote class="callout"><p>Foster a pup.</p></blockquote>' in body
    assert sanitize_body(body) == (
        '<h2>Hello <strong>bold</strong></h2><aside class="callout" role="note">'
        "<p>Foster a pup.</p></aside>"
    )
    assert page.console_errors == []
    assert page.foreign_requests == []
